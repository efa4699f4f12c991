package dev.keyward.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;

/** The one error body of this API: {@code {"message": "..."}}, for every 4xx and 5xx. */
@Serdeable
public record ErrorResponse(String message) {
}
