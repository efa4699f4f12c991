package dev.keyward.adapter.graphql;

import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenQueries;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import java.io.IOException;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds the {@link GraphQL} engine micronaut-graphql serves: schema file, data fetchers, limits, error codes. */
@Factory
final class GraphQLFactory {

    static final String SCHEMA_RESOURCE = "graphql/keyward.graphqls";

    @Singleton
    GraphQL graphQL(TokenQueries queries, TokenCommands commands, OwnerQueries ownerQueries, OwnerCommands ownerCommands,
                    TokenCheck check, DocumentLimits limits, RotationPolicy rotation) {
        return build(new TokenDataFetchers(queries, commands, ownerQueries, ownerCommands, check, rotation), limits);
    }

    static GraphQL build(TokenDataFetchers fetchers, DocumentLimits limits) {
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(schemaText()), fetchers.wiring());
        ErrorCodes errors = new ErrorCodes();
        return GraphQL.newGraphQL(schema)
                .defaultDataFetcherExceptionHandler(errors)
                .preparsedDocumentProvider(new LimitingDocumentProvider(limits))
                .build();
    }

    static String schemaText() {
        try (InputStream in = GraphQLFactory.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
