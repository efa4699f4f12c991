package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionQuery;
import dev.keyward.domain.token.TokenView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates every {@code /api-tokens}, {@code /owners}, {@code /introspect} and {@code /leaked-tokens} request by its key
 * ({@code X-API-Key} or {@code Authorization: Bearer}) before any body is read, so a stranger gets
 * 401 whatever they send. The client address is the TCP peer, or what trusted proxies vouch for in
 * {@code X-Forwarded-For}. The key itself is never logged or echoed.
 *
 * <p>Runs on the event loop: a check answered from the node's cache continues in place, and only a
 * miss waits for the blocking pool ({@link Checks}). An admitted {@code POST /api-tokens/verify} is
 * answered here, by {@link VerifyDoor}, rather than going on down the chain to its route: the reactive
 * continuation and the route dispatch cost more than the whole verify.
 */
@ServerFilter({"/api-tokens", "/api-tokens/**", "/owners", "/owners/**", "/introspect", "/leaked-tokens"})
final class ApiKeyAuthenticationFilter {

    /** This filter's own patterns, for {@link #guards}. */
    private static final List<String> GUARDED = List.of(ApiKeyAuthenticationFilter.class.getAnnotation(ServerFilter.class).value());

    private final Checks checks;
    private final RequestCredentials credentials;
    private final VerifyDoor verify;

    ApiKeyAuthenticationFilter(Checks checks, RequestCredentials credentials, VerifyDoor verify) {
        this.checks = checks;
        this.credentials = credentials;
        this.verify = verify;
    }

    /**
     * Proceeds down the chain itself once the check has passed: a filter that merely completed a future
     * with "no response" from the blocking pool left Micronaut 4.10 without a response for event-loop
     * routes (an empty 503), so the continuation is explicit.
     */
    @RequestFilter
    Publisher<MutableHttpResponse<?>> authenticate(HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> next) {
        CompletableFuture<MutableHttpResponse<?>> admitted = admitCaller(request);
        if (verify.answers(request)) {
            admitted = admitted.thenCompose(refusal -> refusal != null ? CompletableFuture.completedFuture(refusal) : verify.answer(request));
        }
        return Mono.fromFuture(admitted)
                .<MutableHttpResponse<?>>map(answer -> answer)
                .switchIfEmpty(Mono.defer(() -> Mono.from(next.proceed())));
    }

    /**
     * Checks the caller's key, in place when the node's cache can settle it.
     *
     * @return a future of null once the request carries its {@link Caller} (and the checked token), or of the 401
     */
    private CompletableFuture<MutableHttpResponse<?>> admitCaller(HttpRequest<?> request) {
        IpAddress client;
        CheckRequest check;
        try {
            client = credentials.clientAddress(request);
            check = new CheckRequest(credentials.key(request), client, PermissionQuery.none(), Door.REST);
        } catch (UnauthenticatedException e) {
            return CompletableFuture.completedFuture(DomainExceptionHandler.responseOf(request, e));
        }
        return checks.answer(request, check, result -> admit(request, result, client));
    }

    /** @return null when the check passed (the request goes on with its caller), else the 401 */
    private static @Nullable MutableHttpResponse<?> admit(HttpRequest<?> request, CheckResult result, IpAddress client) {
        Caller caller;
        try {
            caller = Caller.of(result, client);
        } catch (UnauthenticatedException e) {
            return DomainExceptionHandler.responseOf(request, e);
        }
        request.setAttribute(CallerArgumentBinder.ATTRIBUTE, caller);
        request.setAttribute(CallerArgumentBinder.CHECKED_TOKEN, result.token().orElseThrow());
        return null;
    }

    /** Whether this filter checks the key of a request to {@code path}: its patterns, matched as Micronaut matches them. */
    static boolean guards(String path) {
        for (String pattern : GUARDED) {
            if (PathMatcher.ANT.matches(pattern, path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this filter has checked the request's key and let it go on. */
    static boolean admitted(HttpRequest<?> request) {
        return request.getAttribute(CallerArgumentBinder.ATTRIBUTE).isPresent();
    }

    /** The caller's token as the check saw it, for handlers that may answer from it without a second read. */
    static TokenView checkedToken(HttpRequest<?> request) {
        return request.getAttribute(CallerArgumentBinder.CHECKED_TOKEN, TokenView.class)
                .orElseThrow(() -> new UnauthenticatedException("no checked token on the request"));
    }
}
