package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.TokenCommands;
import dev.keyward.domain.manage.TokenListFilter;
import dev.keyward.domain.manage.TokenQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Map;

/**
 * The REST adapter of {@link TokenQueries} and {@link TokenCommands}: the {@code /api-tokens} endpoints of the OpenAPI spec.
 * The {@link Caller} comes from {@link ApiKeyAuthenticationFilter}; bodies are read as raw bytes and
 * type-checked by {@link TokenRequestReader}. Runs on the blocking pool because the use cases do JDBC.
 */
@Controller("/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiTokenController {

    private final TokenQueries queries;
    private final TokenCommands commands;
    private final TokenRequestReader reader;
    private final RotationPolicy rotation;

    ApiTokenController(TokenQueries queries, TokenCommands commands, TokenRequestReader reader, RotationPolicy rotation) {
        this.rotation = rotation;
        this.queries = queries;
        this.commands = commands;
        this.reader = reader;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<ApiTokenResponse> create(Caller caller, @Nullable @Body byte[] body) {
        CreateTokenRequest request = reader.readCreate(body);
        return secret(ApiTokenMapper.toResponse(commands.create(caller, ApiTokenMapper.toCommand(request)), rotation));
    }

    /**
     * An empty {@code cursor=} means the first page, as clients that always send the last {@code next} expect;
     * {@code ownerId=}, {@code enabled=true|false}, {@code expiresBefore=} and {@code lastUsedBefore=} (RFC 3339) keep
     * only the tokens that match (Keyward's additions).
     */
    @Get
    ListResponse list(Caller caller, @Nullable @QueryValue String cursor, @Nullable @QueryValue String limit,
                      @Nullable @QueryValue String ownerId, @Nullable @QueryValue String enabled,
                      @Nullable @QueryValue String expiresBefore, @Nullable @QueryValue String lastUsedBefore) {
        return ApiTokenMapper.toResponse(queries.list(caller, cursor == null || cursor.isEmpty() ? null : cursor, parseLimit(limit),
                new TokenListFilter(ownerId, enabled, expiresBefore, lastUsedBefore)), rotation);
    }

    /** {@code {"ownerId": …}} or {@code {"ids": [… ≤ 1000]}} → {@code {"deleted": n}}; each deletion has its own event. */
    @Post("/bulk-delete")
    @Consumes(MediaType.APPLICATION_JSON)
    Map<String, Integer> bulkDelete(Caller caller, @Nullable @Body byte[] body) {
        return Map.of("deleted", commands.bulkDelete(caller, reader.readBulkDelete(body)));
    }

    @Get("/{id}")
    ApiTokenResponse get(Caller caller, @PathVariable String id) {
        return ApiTokenMapper.toResponse(queries.get(caller, id), rotation);
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    ApiTokenResponse update(Caller caller, @PathVariable String id, @Nullable @Body byte[] body) {
        UpdateTokenRequest request = reader.readUpdate(body);
        return ApiTokenMapper.toResponse(commands.update(caller, id, ApiTokenMapper.toCommand(request)), rotation);
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    HttpResponse<Void> delete(Caller caller, @PathVariable String id) {
        commands.delete(caller, id);
        return HttpResponse.noContent();
    }

    /**
     * Takes an optional body, {@code {"gracePeriodSeconds": N}}, so any content type is accepted: clients
     * often send {@code {}} as JSON or nothing, which keeps Panther's rotation (the old value dies at once).
     */
    @Post("/{id}/rotate")
    @Consumes(MediaType.ALL)
    MutableHttpResponse<ApiTokenResponse> rotate(Caller caller, @PathVariable String id, @Nullable @Body byte[] body) {
        return secret(ApiTokenMapper.toResponse(commands.rotate(caller, id, reader.readRotateGracePeriod(body)), rotation));
    }

    /** A response carrying a token value must not be kept by any cache on the way. */
    private static MutableHttpResponse<ApiTokenResponse> secret(ApiTokenResponse body) {
        return HttpResponse.ok(body).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Read as text so that {@code limit=abc} is this API's 400 naming the parameter, not a framework message. */
    static Integer parseLimit(String limit) {
        if (limit == null) {
            return null;
        }
        try {
            return Integer.valueOf(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "limit must be an integer between 1 and 100");
        }
    }
}
