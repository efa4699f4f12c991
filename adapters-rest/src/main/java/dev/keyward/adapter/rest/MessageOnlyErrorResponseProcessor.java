package dev.keyward.adapter.rest;

import dev.keyward.domain.token.TokenValue;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Replaces Micronaut's default error body (which is HATEOAS JSON or an HTML page) with this API's
 * {@code {"message": "..."}} for every error the framework itself produces: unknown route, wrong
 * method, wrong content type, unconvertible argument, and so on. A 5xx gets a fixed message: the
 * server has logged the cause, and its text is not for the client.
 */
@Singleton
final class MessageOnlyErrorResponseProcessor implements ErrorResponseProcessor<ErrorResponse> {

    static final String INTERNAL_ERROR = "internal server error: the cause was logged on the server";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorResponse> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ErrorResponse>) response;
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new ErrorResponse(messageOf(context, response)));
    }

    private static String messageOf(ErrorContext context, MutableHttpResponse<?> response) {
        if (response.code() >= 500) {
            return INTERNAL_ERROR;
        }
        return context.getErrors().stream()
                .map(Error::getMessage)
                .filter(message -> message != null && !message.isBlank())
                .map(TokenValue::redact)
                .findFirst()
                .orElse(response.reason());
    }
}
