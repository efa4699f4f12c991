package dev.keyward.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.HttpStatusHandler;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotAllowedExceptionHandler;
import io.micronaut.http.server.exceptions.NotFoundException;

/**
 * The answers to a request that no route matched: 404, or 405 naming the allowed methods, built by
 * Micronaut's own handlers so that status, headers and the {@code {"message"}} body stay the ones the
 * framework gives. {@link RouteMissFilter} answers most misses with them; the rest reach Micronaut, which
 * calls these global error routes. Without them it searches the bean context for an exception handler on
 * every miss (a search its cache never keeps), which made a miss several times dearer than a refusal.
 */
@Controller
@Produces(MediaType.ALL)
final class RouteMissController {

    private final HttpStatusHandler statusHandler;
    private final NotAllowedExceptionHandler notAllowedHandler;

    RouteMissController(HttpStatusHandler statusHandler, NotAllowedExceptionHandler notAllowedHandler) {
        this.statusHandler = statusHandler;
        this.notAllowedHandler = notAllowedHandler;
    }

    @Error(global = true, exception = NotFoundException.class)
    HttpResponse<?> notFound(HttpRequest<?> request, NotFoundException miss) {
        return statusHandler.handle(request, miss);
    }

    @Error(global = true, exception = NotAllowedException.class)
    HttpResponse<?> notAllowed(HttpRequest<?> request, NotAllowedException miss) {
        return notAllowedHandler.handle(request, miss);
    }
}
