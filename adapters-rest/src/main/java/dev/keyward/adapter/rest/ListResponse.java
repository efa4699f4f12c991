package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of tokens; {@code next} is the cursor of the following page and absent on the last. */
@Serdeable
public record ListResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ApiTokenResponse> results,
        @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
}
