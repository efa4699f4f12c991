package dev.keyward.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a leak report did to one value: {@code token} shows only its first 8 characters;
 * {@code result} is {@code revoked}, {@code already-dead} or {@code unknown}.
 */
@Serdeable
public record LeakResultResponse(String token, String result) {
}
