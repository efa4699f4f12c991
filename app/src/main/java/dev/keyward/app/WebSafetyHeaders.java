package dev.keyward.app;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Safe-by-default response headers: {@code X-Content-Type-Options: nosniff} on every response (errors,
 * 401s from the authentication filter and static files included), and for the console, which app serves
 * as static resources, its Content Security Policy as a header with {@code frame-ancestors 'none'} (a
 * {@code <meta>} policy cannot forbid framing) and {@code Referrer-Policy: no-referrer}. The playground's
 * headers are set by adapters-graphql, which serves it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class WebSafetyHeaders implements Ordered {

    static final String CONSOLE_PATH = "/console";

    /** The console page's {@code <meta>} policy, plus what only a header can say. */
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        String path = request.getPath();
        if (path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/")) {
            response.getHeaders().set("Content-Security-Policy", CONSOLE_CONTENT_SECURITY_POLICY);
            response.getHeaders().set("Referrer-Policy", "no-referrer");
        }
    }

    /** Outermost, so that it also sees the responses an inner filter answers with instead of the route. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
