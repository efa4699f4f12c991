package dev.keyward.app;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.token.TokenValue;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.logstash.logback.argument.StructuredArguments.keyValue;

/**
 * The access log ({@code keyward.http.access-log: true}): one line per request on logger
 * {@code dev.keyward.access} with method, route, status, duration and the calling token's id. The
 * route is the matched template ({@code /api-tokens/{id}}), never the raw path, which may hold a
 * pasted key; without a template (static files, 404s) the path is logged with token values masked.
 * With {@code KEYWARD_LOG_FORMAT=json} each of these is a JSON field of its own.
 */
@Filter("/**")
final class AccessLogFilter implements HttpServerFilter {

    static final String LOGGER = "dev.keyward.access";
    /** Where the REST adapter's authentication filter leaves the {@link Caller} (its CallerArgumentBinder.ATTRIBUTE). */
    static final String CALLER_ATTRIBUTE = "keyward.caller";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final boolean enabled;

    AccessLogFilter(KeywardSettings settings) {
        this.enabled = settings.http().accessLog();
    }

    @Override
    public int getOrder() {
        // outermost, so the time and status include every other filter's work and refusals
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!enabled) {
            return chain.proceed(request);
        }
        long start = System.nanoTime();
        return Publishers.then(chain.proceed(request), response -> LOG.info("{} {} {} {} {}",
                keyValue("method", request.getMethodName()),
                keyValue("route", routeOf(request)),
                keyValue("status", response.code()),
                keyValue("durationMs", (System.nanoTime() - start) / 1_000_000),
                keyValue("tokenId", request.getAttribute(CALLER_ATTRIBUTE, Caller.class)
                        .map(caller -> caller.tokenId().toString()).orElse("-"))));
    }

    static String routeOf(HttpRequest<?> request) {
        return RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(route -> ((UriRouteInfo<?, ?>) route).getUriMatchTemplate().toPathString())
                .or(() -> BasicHttpAttributes.getUriTemplate(request))
                .orElseGet(() -> TokenValue.redact(request.getPath()));
    }
}
