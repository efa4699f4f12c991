package dev.keyward.app;

import dev.keyward.adapter.rest.AnswerHeaders;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.health.DetailsVisibility;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /health}, {@code /health/liveness} and {@code /health/readiness} answered on the event loop
 * from what the health indicators already hold in memory (the database probe, the deadlock scan, the disk
 * space sample, ...): the same indicators, the same overall status and HTTP status, the same
 * {@code {"status": ...}} body as Micronaut's health endpoint, without its reactive aggregation and route
 * call, which made readiness cost twice a refusal. It steps aside, and the endpoint answers as before,
 * whenever it could not give the very same answer: details that would be shown, an indicator whose
 * answer is not there at once, another route. A HEAD request gets the same status without the body:
 * Micronaut's endpoint answered HEAD with 200 even when DOWN, and a load balancer probing with HEAD must
 * not be told a node is ready when it is not.
 */
@ServerFilter({HealthResultFilter.DEFAULT_MAPPING, HealthResultFilter.LIVENESS_PROBE_MAPPING, HealthResultFilter.READINESS_PROBE_MAPPING})
@Requires(beans = HealthEndpoint.class)
final class HealthProbeFilter {

    private static final String LIVENESS = "liveness";
    private static final String READINESS = "readiness";

    private final HealthEndpoint endpoint;
    private final AnswerHeaders headers;
    private final HealthIndicator[] all;
    private final HealthIndicator[] liveness;
    private final HealthIndicator[] readiness;

    /** The indicators as {@link HealthEndpoint} gets them: readiness is every indicator that is not a liveness one. */
    HealthProbeFilter(HealthEndpoint endpoint, AnswerHeaders headers, HealthIndicator[] all,
                      @Liveness HealthIndicator[] liveness) {
        this.endpoint = endpoint;
        this.headers = headers;
        this.all = all;
        this.liveness = liveness;
        List<HealthIndicator> live = Arrays.asList(liveness);
        this.readiness = Arrays.stream(all).filter(indicator -> !live.contains(indicator)).toArray(HealthIndicator[]::new);
    }

    /** @return the answer, or null to let the health endpoint answer */
    @RequestFilter
    @Nullable
    HttpResponse<?> answer(HttpRequest<?> request) {
        boolean head = request.getMethod() == HttpMethod.HEAD;
        if (request.getMethod() != HttpMethod.GET && !head || detailsShown(request) || !routedToTheEndpoint(request)) {
            return null;
        }
        HealthIndicator[] indicators = indicatorsFor(request.getPath());
        List<HealthResult> results = new ArrayList<>(indicators.length);
        for (HealthIndicator indicator : indicators) {
            List<HealthResult> answered = Immediate.read(indicator.getResult());
            if (answered == null) {
                return null;
            }
            results.addAll(answered);
        }
        HealthStatus status = overall(results);
        HttpStatus httpStatus = endpoint.getStatusConfiguration().getHttpMapping().get(status.getName());
        if (httpStatus == null) {
            return null; // HealthResultFilter's other branch: rare enough to leave to it
        }
        MutableHttpResponse<HealthResult> response = HttpResponse.<HealthResult>status(httpStatus).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (!head) {
            response.body(HealthResult.builder(null, status).build());
        }
        return headers.addTo(response);
    }

    /** As {@code HealthEndpoint.levelOfDetail}: shown to anyone, or to an authenticated caller. */
    private boolean detailsShown(HttpRequest<?> request) {
        DetailsVisibility visibility = endpoint.getDetailsVisible();
        return visibility == DetailsVisibility.ANONYMOUS
                || visibility == DetailsVisibility.AUTHENTICATED && request.getUserPrincipal().isPresent();
    }

    private static boolean routedToTheEndpoint(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(match -> match instanceof MethodBasedRouteMatch<?, ?> method && method.getDeclaringType() == HealthEndpoint.class)
                .isPresent();
    }

    /** The filter's patterns are the endpoint's three paths; the last segment says which. */
    private HealthIndicator[] indicatorsFor(String path) {
        if (path.endsWith("/" + LIVENESS)) {
            return liveness;
        }
        return path.endsWith("/" + READINESS) ? readiness : all;
    }

    /** As {@code DefaultHealthAggregator.calculateOverallStatus}: the last of the sorted statuses, UNKNOWN for none. */
    private static HealthStatus overall(List<HealthResult> results) {
        return results.stream().map(HealthResult::getStatus).sorted().distinct().reduce((a, b) -> b).orElse(HealthStatus.UNKNOWN);
    }

    /** Reads a publisher that answers during {@code subscribe}, as an indicator answering from memory does. */
    private static final class Immediate implements Subscriber<HealthResult> {

        private final List<HealthResult> results = new ArrayList<>(1);
        private volatile boolean complete;
        private volatile boolean failed;
        private Subscription subscription;

        /** @return what the publisher emitted, or null when it did not complete at once or failed: then the endpoint must answer */
        static @Nullable List<HealthResult> read(Publisher<HealthResult> publisher) {
            Immediate subscriber = new Immediate();
            publisher.subscribe(subscriber);
            if (!subscriber.complete) {
                if (subscriber.subscription != null) {
                    subscriber.subscription.cancel();
                }
                return null;
            }
            return subscriber.failed ? null : subscriber.results;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(HealthResult result) {
            results.add(result);
        }

        @Override
        public void onError(Throwable error) {
            failed = true;
            complete = true;
        }

        @Override
        public void onComplete() {
            complete = true;
        }
    }
}
