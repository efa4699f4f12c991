package dev.keyward.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/** Who created or last changed a token, on the wire: {@code type} is user, api-token or system. */
@Serdeable
public record ActorResponse(String id, String type) {
}
