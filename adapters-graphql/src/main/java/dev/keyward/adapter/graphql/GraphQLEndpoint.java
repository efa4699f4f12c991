package dev.keyward.adapter.graphql;

import dev.keyward.domain.check.PresentedKey;
import graphql.ExecutionResult;
import graphql.GraphQLException;
import io.micronaut.configuration.graphql.GraphQLController;
import io.micronaut.configuration.graphql.GraphQLInvocation;
import io.micronaut.configuration.graphql.GraphQLInvocationData;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The HTTP face of GraphQL at {@code graphql.path} (default {@code /public/graphql}), in place of
 * micronaut-graphql's own controller so that no request shape yields a 5xx: a body that is not a
 * GraphQL request, or one graphql-java refuses by throwing, is a 400, a missing or bad key a 401, an
 * unreachable database a 503, both with a GraphQL-shaped error body (a 401 or 503 only when no field was
 * answered: a document whose first mutation ran keeps its answer in a 200); every other outcome, including syntax, validation and
 * limit errors, is a 200 as the GraphQL-over-HTTP spec asks for {@code application/json}. Execution itself goes through micronaut-graphql's
 * {@link GraphQLInvocation} and so through {@link KeywardExecutionInputCustomizer}.
 */
@Replaces(GraphQLController.class)
@Controller("${graphql.path:/public/graphql}")
final class GraphQLEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(GraphQLEndpoint.class);
    private static final MediaType APPLICATION_GRAPHQL = MediaType.of("application/graphql");

    private final GraphQLInvocation invocation;
    private final JsonMapper json;

    GraphQLEndpoint(GraphQLInvocation invocation, JsonMapper json) {
        this.invocation = invocation;
        this.json = json;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<String> get(@Nullable @QueryValue("query") String query,
                                    @Nullable @QueryValue("operationName") String operationName,
                                    @Nullable @QueryValue("variables") String variables,
                                    HttpRequest<?> request) {
        if (query == null || query.isBlank()) {
            return badRequest("send the GraphQL document in the 'query' parameter");
        }
        Object parsedVariables = variables == null || variables.isBlank() ? null : parseJson(variables);
        if (parsedVariables == INVALID || (parsedVariables != null && !(parsedVariables instanceof Map))) {
            return badRequest("'variables' must be a JSON object");
        }
        return execute(query, operationName, castMap(parsedVariables), request);
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    MutableHttpResponse<String> post(@Nullable @Body String body, HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type != null && type.matches(APPLICATION_GRAPHQL)) {
            if (body == null || body.isBlank()) {
                return badRequest("the request body must be a GraphQL document");
            }
            return execute(body, null, null, request);
        }
        if (type == null || !type.matches(MediaType.APPLICATION_JSON_TYPE)) {
            return badRequest("send a JSON body {\"query\": ...} with Content-Type application/json");
        }
        Object parsed = body == null || body.isBlank() ? INVALID : parseJson(body);
        if (parsed instanceof List) {
            return badRequest("batched requests are not supported: send one GraphQL request per HTTP request");
        }
        if (!(parsed instanceof Map<?, ?> fields)) {
            return badRequest("the request body must be a JSON object {\"query\": ..., \"variables\": ..., \"operationName\": ...}");
        }
        if (!(fields.get("query") instanceof String query) || query.isBlank()) {
            return badRequest("'query' must be a string holding the GraphQL document");
        }
        Object operationName = fields.get("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            return badRequest("'operationName' must be a string");
        }
        Object variables = fields.get("variables");
        if (variables != null && !(variables instanceof Map)) {
            return badRequest("'variables' must be a JSON object");
        }
        return execute(query, (String) operationName, castMap(variables), request);
    }

    /** Runs on a blocking thread: the data fetchers call the database synchronously. */
    private MutableHttpResponse<String> execute(String query, String operationName, Map<String, Object> variables,
                                                HttpRequest<?> request) {
        GraphQLInvocationData data = new GraphQLInvocationData(query, operationName, variables);
        ExecutionResult result;
        try {
            result = Mono.from(invocation.invoke(data, request, null)).block();
        } catch (RuntimeException failure) {
            GraphQLException refusal = graphQLExceptionIn(failure);
            if (refusal != null) {
                // graphql-java refuses requests it cannot run by throwing (e.g. an unknown operation):
                // the client's mistake, so no stack trace; the message names what is wrong.
                LOG.debug("GraphQL refused a request", refusal);
                String reason = refusal.getMessage() == null ? "" : ": " + refusal.getMessage();
                return respond(HttpStatus.BAD_REQUEST, ErrorCodes.errorBody("the request cannot be run" + reason, ErrorCodes.BAD_USER_INPUT));
            }
            LOG.error("GraphQL execution failed", failure);
            return respond(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.errorBody("internal error", ErrorCodes.INTERNAL_SERVER_ERROR));
        }
        Map<String, Object> body = ErrorCodes.specificationOf(result);
        boolean answered = anyFieldAnswered(body);
        if (ErrorCodes.isUnauthenticated(body) && !answered) {
            return respond(HttpStatus.UNAUTHORIZED, body)
                    .header(HttpHeaders.WWW_AUTHENTICATE, PresentedKey.CHALLENGE);
        }
        if (ErrorCodes.isUnavailable(body) && !answered) {
            return respond(HttpStatus.SERVICE_UNAVAILABLE, body);
        }
        return respond(HttpStatus.OK, body);
    }

    /**
     * Whether some top-level field has a value: then the document partly succeeded (a mutation ran, and
     * its answer may hold the only copy of a new secret), so it is a 200 with {@code data} and
     * {@code errors}, never an error status that clients throw away with the body.
     */
    private static boolean anyFieldAnswered(Map<String, Object> body) {
        return body.get("data") instanceof Map<?, ?> data && data.values().stream().anyMatch(java.util.Objects::nonNull);
    }

    /** A refusal of the request by graphql-java; an {@link graphql.AssertException} is a bug, not a refusal. */
    private static GraphQLException graphQLExceptionIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof GraphQLException graphQL && !(cause instanceof graphql.AssertException)) {
                return graphQL;
            }
        }
        return null;
    }

    private MutableHttpResponse<String> badRequest(String message) {
        return respond(HttpStatus.BAD_REQUEST, ErrorCodes.errorBody(message, ErrorCodes.BAD_USER_INPUT));
    }

    private MutableHttpResponse<String> respond(HttpStatus status, Map<String, Object> body) {
        String text;
        try {
            text = new String(json.writeValueAsBytes(body), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("could not write a GraphQL response", e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            text = "{\"errors\":[{\"message\":\"internal error\",\"extensions\":{\"code\":\"INTERNAL_SERVER_ERROR\"}}]}";
        }
        // Create and rotate responses carry secrets: no cache may keep any GraphQL response.
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(text);
    }

    /** Marks a body that is not JSON at all. */
    private static final Object INVALID = new Object();

    private Object parseJson(String text) {
        try {
            Object value = json.readValue(text, Argument.OBJECT_ARGUMENT);
            return value == null ? INVALID : value;
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
