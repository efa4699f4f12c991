package dev.keyward.adapter.rest;

import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.TrustedProxies;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.TokenAuthentication;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Authenticates every {@code /api-tokens} and {@code /leaked-tokens} request by its {@code X-API-Key} before any body is read,
 * so a stranger gets 401 whatever they send. The client address is the TCP peer, or what trusted
 * proxies vouch for in {@code X-Forwarded-For}. The key itself is never logged or echoed.
 */
@ServerFilter({"/api-tokens", "/api-tokens/**", "/leaked-tokens"})
final class ApiKeyAuthenticationFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

    private final TokenAuthentication authentication;
    private final TrustedProxies trustedProxies;

    ApiKeyAuthenticationFilter(TokenAuthentication authentication, TrustedProxies trustedProxies) {
        this.authentication = authentication;
        this.trustedProxies = trustedProxies;
    }

    /** @return null to let an authenticated request through, else the 401 response */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<ErrorResponse> authenticate(HttpRequest<?> request) {
        try {
            Caller caller = authentication.authenticate(request.getHeaders().getAll(API_KEY_HEADER),
                    trustedProxies.clientOf(request.getRemoteAddress(), request.getHeaders().getAll(FORWARDED_FOR_HEADER)));
            request.setAttribute(CallerArgumentBinder.ATTRIBUTE, caller);
            return null;
        } catch (UnauthenticatedException e) {
            LOG.debug("refused {} {}: {}", request.getMethod(), TokenValue.redact(request.getPath()), e.reason());
            return HttpResponse.<ErrorResponse>unauthorized()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + API_KEY_HEADER + "\"")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(new ErrorResponse(e.getMessage()));
        }
    }
}
