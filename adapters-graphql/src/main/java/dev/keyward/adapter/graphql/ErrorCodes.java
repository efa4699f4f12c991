package dev.keyward.adapter.graphql;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.error.UnavailableException;
import dev.keyward.domain.token.TokenValue;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.SourceLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Maps failures, once for this adapter, to GraphQL errors whose {@code extensions.code} a client
 * can switch on: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT (invalid input, syntax,
 * validation and resource limits), CONFLICT (a concurrent change: retry) and, for bugs only,
 * INTERNAL_SERVER_ERROR. Messages are the domain's own, which name fields and permissions, or
 * graphql-java's, which quote the offending input; every error this adapter emits leaves through
 * {@link #specificationOf} or {@link #errorBody}, which mask anything shaped like a token value, since
 * clients paste keys into ids and fields. An unexpected exception is logged here and shown only as
 * "internal error".
 */
final class ErrorCodes implements DataFetcherExceptionHandler {

    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String FORBIDDEN = "FORBIDDEN";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    static final String CONFLICT = "CONFLICT";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorCodes.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message;
        if (failure instanceof DomainException domain) {
            extensions.put("code", codeOf(domain));
            message = domain.getMessage();
            if (domain instanceof ForbiddenException forbidden && forbidden.permission() != null) {
                extensions.put("permission", forbidden.permission());
            } else if (domain instanceof InvalidInputException invalid && invalid.field() != null) {
                extensions.put("field", invalid.field());
            } else if (domain instanceof UnauthenticatedException unauthenticated) {
                LOG.debug("GraphQL request refused: {}", unauthenticated.reason());
            }
        } else {
            LOG.error("GraphQL field {} failed", parameters.getPath(), failure);
            extensions.put("code", INTERNAL_SERVER_ERROR);
            message = "internal error";
        }
        SourceLocation location = parameters.getSourceLocation();
        GraphQLError error = new FieldError(message, location == null ? List.of() : List.of(location),
                parameters.getPath().toList(), extensions);
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    /**
     * A field's failure as the spec shapes it. Unlike graphql-java's own errors it carries no
     * {@code classification}: "DataFetchingException" would tell a client nothing the code does not.
     */
    private record FieldError(String message, List<SourceLocation> locations, List<Object> path,
                              Map<String, Object> extensions) implements GraphQLError {
        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public List<SourceLocation> getLocations() {
            return locations;
        }

        @Override
        public List<Object> getPath() {
            return path;
        }

        @Override
        public Map<String, Object> getExtensions() {
            return extensions;
        }

        @Override
        public ErrorClassification getErrorType() {
            return null;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static String codeOf(DomainException failure) {
        if (failure instanceof UnauthenticatedException) {
            return UNAUTHENTICATED;
        } else if (failure instanceof ForbiddenException) {
            return FORBIDDEN;
        } else if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        } else if (failure instanceof InvalidInputException) {
            return BAD_USER_INPUT;
        } else if (failure instanceof ConcurrentChangeException || failure instanceof ConflictException) {
            return CONFLICT;
        } else if (failure instanceof UnavailableException) {
            return UNAVAILABLE;
        }
        return INTERNAL_SERVER_ERROR;
    }

    /**
     * An error made before execution (e.g. a broken limit), already carrying its code. It is classified
     * as graphql-java's own request validation errors are, not with the builder's default
     * "DataFetchingException": nothing was fetched.
     */
    static GraphQLError badInput(String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", BAD_USER_INPUT);
        extensions.putAll(details);
        return GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.ValidationError).extensions(extensions).build();
    }

    /**
     * The response body per the GraphQL spec, every error given a {@code code}: graphql-java's own
     * syntax, validation and aborted-execution errors only carry a {@code classification}.
     */
    static Map<String, Object> specificationOf(ExecutionResult result) {
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        if (!result.getErrors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (GraphQLError error : result.getErrors()) {
                errors.add(castMap((Map<?, ?>) redacted(withCode(error))));
            }
            body.put("errors", errors);
        }
        return body;
    }

    /** A response body holding one error made outside execution, such as a request that is no GraphQL request. */
    static Map<String, Object> errorBody(String message, String code) {
        return Map.of("errors", List.of(Map.of("message", TokenValue.redact(message), "extensions", Map.of("code", code))));
    }

    /** A copy of an error's specification with every string in it (message, path, extensions) redacted. */
    private static Object redacted(Object value) {
        if (value instanceof String text) {
            return TokenValue.redact(text);
        } else if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, redacted(item)));
            return copy;
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(redacted(item)));
            return copy;
        }
        return value;
    }

    /** True when the request failed for want of a valid key: the HTTP status then says 401. */
    static boolean isUnauthenticated(Map<String, Object> body) {
        return hasErrorCode(body, UNAUTHENTICATED);
    }

    /** True when a field failed because the database is out of reach: the HTTP status may then say 503. */
    static boolean isUnavailable(Map<String, Object> body) {
        return hasErrorCode(body, UNAVAILABLE);
    }

    private static boolean hasErrorCode(Map<String, Object> body, String code) {
        return body.get("errors") instanceof List<?> errors && errors.stream().anyMatch(error -> error instanceof Map<?, ?> map
                && map.get("extensions") instanceof Map<?, ?> extensions && code.equals(extensions.get("code")));
    }

    private static Map<String, Object> withCode(GraphQLError error) {
        Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
        Map<String, Object> extensions = spec.get("extensions") instanceof Map<?, ?> given
                ? new LinkedHashMap<>(castMap(given)) : new LinkedHashMap<>();
        if (!extensions.containsKey("code")) {
            Object classification = extensions.get("classification");
            boolean clientMistake = "InvalidSyntax".equals(classification) || "ValidationError".equals(classification)
                    || "ExecutionAborted".equals(classification) || "OperationNotSupported".equals(classification);
            extensions.put("code", clientMistake ? BAD_USER_INPUT : INTERNAL_SERVER_ERROR);
        }
        spec.put("extensions", extensions);
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
