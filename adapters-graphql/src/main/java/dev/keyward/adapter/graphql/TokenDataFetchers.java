package dev.keyward.adapter.graphql;

import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.TokenAuthentication;
import dev.keyward.domain.port.in.TokenManagement;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.util.Map;

/**
 * The GraphQL adapter's driving side: each root field authenticates the request and calls one
 * {@link TokenManagement} use case, so permissions, self rules, the privilege guard, CIDR checks,
 * validation and audit events are exactly those of the REST API.
 */
final class TokenDataFetchers {

    private final TokenManagement tokens;
    private final TokenAuthentication authentication;

    TokenDataFetchers(TokenManagement tokens, TokenAuthentication authentication) {
        this.tokens = tokens;
        this.authentication = authentication;
    }

    RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("apiToken", authenticated((caller, env) ->
                                ApiTokenMapper.toMap(tokens.get(caller, env.getArgument("id")))))
                        .dataFetcher("apiTokens", authenticated((caller, env) ->
                                ApiTokenMapper.toMap(tokens.list(caller, env.getArgument("cursor"), env.getArgument("limit"))))))
                .type("Mutation", type -> type
                        .dataFetcher("createAPIToken", authenticated((caller, env) ->
                                payload(ApiTokenMapper.toMap(tokens.issue(caller, ApiTokenMapper.toIssueCommand(env.getArgument("input")))))))
                        .dataFetcher("updateAPIToken", authenticated((caller, env) ->
                                payload(ApiTokenMapper.toMap(tokens.update(caller, env.getArgument("id"),
                                        ApiTokenMapper.toUpdateCommand(env.getArgument("input")))))))
                        .dataFetcher("deleteAPIToken", authenticated((caller, env) -> {
                            String ref = env.getArgument("id");
                            tokens.delete(caller, ref);
                            return Map.of("id", TokenManagement.SELF.equals(ref) ? caller.tokenId().toString() : ref);
                        }))
                        .dataFetcher("rotateAPIToken", authenticated((caller, env) -> {
                            String ref = env.getArgument("id");
                            return payload(ApiTokenMapper.toMap(tokens.rotate(caller, ref == null ? TokenManagement.SELF : ref)));
                        })))
                .build();
    }

    private static Map<String, Object> payload(Map<String, Object> token) {
        return Map.of("token", token);
    }

    /** A root field that needs the request's caller. */
    @FunctionalInterface
    private interface CallerFetcher {
        Object fetch(Caller caller, DataFetchingEnvironment env);
    }

    private DataFetcher<Object> authenticated(CallerFetcher fetcher) {
        return env -> {
            RequestContext request = env.getGraphQlContext().get(RequestContext.KEY);
            if (request == null) {
                throw new IllegalStateException("no request context: the GraphQL execution did not come through HTTP");
            }
            return fetcher.fetch(request.caller(authentication), env);
        };
    }
}
