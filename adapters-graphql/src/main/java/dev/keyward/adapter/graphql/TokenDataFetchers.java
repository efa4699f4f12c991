package dev.keyward.adapter.graphql;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.BulkDeleteCommand;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenListFilter;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.manage.TokenRef;
import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import graphql.scalars.ExtendedScalars;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.util.Map;

/**
 * The GraphQL adapter's driving side: each root field authenticates the request and calls one
 * {@link TokenQueries} or {@link TokenCommands} use case, so permissions, self rules, the privilege guard, CIDR checks,
 * validation and audit events are exactly those of the REST API.
 */
final class TokenDataFetchers {

    private final TokenQueries queries;
    private final TokenCommands commands;
    private final OwnerQueries ownerQueries;
    private final OwnerCommands ownerCommands;
    private final TokenCheck check;
    private final ApiTokenMapper mapper;

    TokenDataFetchers(TokenQueries queries, TokenCommands commands, OwnerQueries ownerQueries, OwnerCommands ownerCommands,
                      TokenCheck check, RotationPolicy rotation) {
        this.mapper = new ApiTokenMapper(rotation);
        this.queries = queries;
        this.commands = commands;
        this.ownerQueries = ownerQueries;
        this.ownerCommands = ownerCommands;
        this.check = check;
    }

    RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(ExtendedScalars.Json)
                .type("Query", type -> type
                        .dataFetcher("apiToken", authenticated((caller, env) ->
                                mapper.toMap(queries.get(caller, env.getArgument("id")))))
                        .dataFetcher("apiTokens", authenticated((caller, env) ->
                                mapper.toMap(queries.list(caller, env.getArgument("cursor"), env.getArgument("limit"),
                                        new TokenListFilter(env.getArgument("ownerId"), env.<Boolean>getArgument("enabled") == null ? null
                                                : env.<Boolean>getArgument("enabled").toString(), env.getArgument("expiresBefore"),
                                                env.getArgument("lastUsedBefore"))))))
                        .dataFetcher("owner", authenticated((caller, env) ->
                                ApiTokenMapper.toMap(ownerQueries.get(caller, env.getArgument("id")))))
                        .dataFetcher("owners", authenticated((caller, env) -> ApiTokenMapper.toMap(ownerQueries.list(caller,
                                env.getArgument("externalId"), env.getArgument("cursor"), env.getArgument("limit"))))))
                .type("Mutation", type -> type
                        .dataFetcher("createAPIToken", authenticated((caller, env) ->
                                payload(mapper.toMap(commands.create(caller, ApiTokenMapper.toCreateCommand(env.getArgument("input")))))))
                        .dataFetcher("updateAPIToken", authenticated((caller, env) ->
                                payload(mapper.toMap(commands.update(caller, env.getArgument("id"),
                                        ApiTokenMapper.toUpdateCommand(env.getArgument("input")))))))
                        .dataFetcher("deleteAPIToken", authenticated((caller, env) -> {
                            String ref = env.getArgument("id");
                            commands.delete(caller, ref);
                            return Map.of("id", TokenRef.parse(ref).isSelf(caller.tokenId()) ? caller.tokenId().toString() : ref);
                        }))
                        .dataFetcher("bulkDeleteAPITokens", authenticated((caller, env) -> Map.of("deleted",
                                commands.bulkDelete(caller, new BulkDeleteCommand(env.getArgument("ownerId"), env.getArgument("ids"))))))
                        .dataFetcher("createOwner", authenticated((caller, env) -> {
                            Map<String, Object> input = env.getArgument("input");
                            return Map.of("owner", ApiTokenMapper.toMap(ownerCommands.create(caller, (String) input.get("externalId"),
                                    (String) input.get("name"), ApiTokenMapper.metaText(input))));
                        }))
                        .dataFetcher("updateOwner", authenticated((caller, env) -> {
                            Map<String, Object> input = env.getArgument("input");
                            return Map.of("owner", ApiTokenMapper.toMap(ownerCommands.update(caller, env.getArgument("id"),
                                    (String) input.get("name"), ApiTokenMapper.metaText(input))));
                        }))
                        .dataFetcher("deleteOwner", authenticated((caller, env) -> {
                            String id = env.getArgument("id");
                            ownerCommands.delete(caller, id);
                            return Map.of("id", id);
                        }))
                        .dataFetcher("rotateAPIToken", authenticated((caller, env) -> {
                            String ref = env.getArgument("id");
                            Integer grace = env.getArgument("gracePeriodSeconds");
                            return payload(mapper.toMap(commands.rotate(caller, ref == null ? TokenRef.SELF : ref,
                                    grace == null ? null : grace.longValue())));
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
            return fetcher.fetch(request.caller(check), env);
        };
    }
}
