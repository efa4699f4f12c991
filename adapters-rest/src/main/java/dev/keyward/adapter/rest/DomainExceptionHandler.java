package dev.keyward.adapter.rest;

import dev.keyward.domain.check.PresentedKey;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.token.TokenValue;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the domain's failures to their status codes, once for the whole REST adapter. */
@Produces
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<ErrorResponse>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainExceptionHandler.class);

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, DomainException exception) {
        return responseOf(request, exception);
    }

    /** The response for {@code exception}, for the few places that answer without throwing (filters, doors). */
    static MutableHttpResponse<ErrorResponse> responseOf(HttpRequest<?> request, DomainException exception) {
        HttpStatus status = statusOf(exception);
        if (exception instanceof UnauthenticatedException unauthenticated) {
            LOG.debug("refused {} {}: {}", request.getMethod(), TokenValue.redact(request.getPath()), unauthenticated.reason());
        } else {
            LOG.debug("{} {} -> {}: {}", request.getMethod(), TokenValue.redact(request.getPath()), status.getCode(),
                    TokenValue.redact(exception.getMessage()));
        }
        MutableHttpResponse<ErrorResponse> response = HttpResponse.<ErrorResponse>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorResponse(TokenValue.redact(exception.getMessage())));
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, PresentedKey.CHALLENGE);
        }
        return response;
    }

    static HttpStatus statusOf(DomainException exception) {
        if (exception instanceof InvalidInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (exception instanceof UnauthenticatedException) {
            return HttpStatus.UNAUTHORIZED;
        }
        if (exception instanceof ForbiddenException) {
            return HttpStatus.FORBIDDEN;
        }
        if (exception instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (exception instanceof ConcurrentChangeException || exception instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        }
        if (exception instanceof UnavailableException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        // DomainException is sealed: this line is unreachable unless a new subtype is added unmapped.
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
