package dev.keyward.adapter.graphql;

import dev.keyward.domain.check.PresentedKey;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.TrustedProxies;
import graphql.ExecutionInput;
import io.micronaut.configuration.graphql.GraphQLExecutionInputCustomizer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Prepares each GraphQL execution from its HTTP request: normalises Panther's empty parentheses and
 * hands the data fetchers the presented key ({@code X-API-Key} or {@code Authorization: Bearer}) and the client's address (the TCP peer, or
 * what trusted proxies forwarded, exactly as the REST adapter decides it).
 */
@Singleton
final class KeywardExecutionInputCustomizer implements GraphQLExecutionInputCustomizer {

    static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";

    private final TrustedProxies trustedProxies;

    /** Where the caller is left on the request for the access log, under the name the REST adapter uses too. */
    static final String CALLER_ATTRIBUTE = "keyward.caller";

    KeywardExecutionInputCustomizer(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public Publisher<ExecutionInput> customize(ExecutionInput input, HttpRequest httpRequest,
                                               @Nullable MutableHttpResponse<String> httpResponse) {
        RequestContext context = contextOf(httpRequest);
        return Mono.just(input.transform(builder -> builder
                .query(DocumentNormaliser.normalise(input.getQuery()))
                .graphQLContext(Map.of(RequestContext.KEY, context))));
    }

    private RequestContext contextOf(HttpRequest<?> request) {
        boolean readOnly = request.getMethod() == HttpMethod.GET;
        try {
            // The same rules as REST, from the domain: X-API-Key or Bearer, several or conflicting keys
            // refused, unknown peer refused, proxies walked.
            return new RequestContext(PresentedKey.from(request.getHeaders().getAll(PresentedKey.API_KEY_HEADER),
                    request.getHeaders().getAll(PresentedKey.AUTHORIZATION_HEADER)),
                    trustedProxies.clientOf(request.getRemoteAddress(), request.getHeaders().getAll(FORWARDED_FOR_HEADER)), readOnly,
                    caller -> request.setAttribute(CALLER_ATTRIBUTE, caller));
        } catch (UnauthenticatedException e) {
            return RequestContext.refused(e, readOnly);
        }
    }
}
