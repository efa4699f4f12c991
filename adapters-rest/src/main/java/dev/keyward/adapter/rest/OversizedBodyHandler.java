package dev.keyward.adapter.rest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A body over {@code micronaut.server.max-request-size} is a client error about the body like any
 * other invalid input, so it is a 400 naming it rather than Micronaut's 413.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
final class OversizedBodyHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<ErrorResponse>> {

    private final long maxRequestSize;

    OversizedBodyHandler(HttpServerConfiguration server) {
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, ContentLengthExceededException exception) {
        return HttpResponse.<ErrorResponse>badRequest()
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorResponse("the request body is too large: at most " + maxRequestSize + " bytes are accepted"));
    }
}
