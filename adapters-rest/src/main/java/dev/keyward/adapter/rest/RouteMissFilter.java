package dev.keyward.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.NotFoundException;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import io.micronaut.web.router.resource.StaticResourceResolver;

import java.util.HashSet;
import java.util.Set;

/**
 * Answers a request that no route matched and no static file serves, as the last filter: 404, or 405
 * naming the allowed methods, from {@link RouteMissController}, with the headers Micronaut adds to a
 * routed answer ({@link AnswerHeaders}). Micronaut's own way to the same answer (the miss, the error
 * route, a route call) cost a third more than a refusal. Micronaut leaves this filter out of every routed
 * request ({@link NoRouteMatched}). Under the paths {@link ApiKeyAuthenticationFilter} guards it answers
 * only once that filter has admitted the caller, so a stranger still gets the 401 first; a miss it does
 * not answer goes on to Micronaut and the same error routes.
 */
@NoRouteMatched
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RouteMissFilter {

    private final Router router;
    private final StaticResourceResolver staticFiles;
    private final RouteMissController misses;
    private final AnswerHeaders headers;

    RouteMissFilter(Router router, StaticResourceResolver staticFiles, RouteMissController misses, AnswerHeaders headers) {
        this.router = router;
        this.staticFiles = staticFiles;
        this.misses = misses;
        this.headers = headers;
    }

    /** @return the 404 or 405, or null to let the request go on as before */
    @RequestFilter
    @Nullable
    HttpResponse<?> answer(HttpRequest<?> request) {
        if (RouteAttributes.getRouteMatch(request).isPresent()
                || ApiKeyAuthenticationFilter.guards(request.getPath()) && !ApiKeyAuthenticationFilter.admitted(request)
                || staticFiles.resolve(request.getUri().getPath()).isPresent()) {
            return null;
        }
        String method = request.getMethodName();
        Set<String> allowed = new HashSet<>(5); // as Micronaut's own, so the message lists them in the same order
        for (UriRouteMatch<Object, Object> route : router.findAny(request)) {
            String routeMethod = route.getRouteInfo().getHttpMethodName();
            if (method.equals(routeMethod)) {
                return null; // a route for this method refused the content type or the Accept header: Micronaut's 415/406
            }
            allowed.add(routeMethod);
        }
        HttpStatusException miss;
        MutableHttpResponse<?> response;
        if (allowed.isEmpty()) {
            NotFoundException notFound = new NotFoundException();
            miss = notFound;
            response = misses.notFound(request, notFound).toMutableResponse();
        } else {
            NotAllowedException notAllowed = new NotAllowedException(method, request.getUri(), allowed);
            miss = notAllowed;
            response = misses.notAllowed(request, notAllowed).toMutableResponse();
        }
        headers.addTo(response);
        RouteAttributes.setException(response, miss); // the HTTP metrics tag it, as they tag the error route's answer
        return response;
    }
}
