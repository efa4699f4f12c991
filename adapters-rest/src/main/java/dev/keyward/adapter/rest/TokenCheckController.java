package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.TokenQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.concurrent.CompletableFuture;

/**
 * The two {@code /api-tokens} endpoints that are checks rather than reads of the database, so they
 * run on the event loop (unlike {@link ApiTokenController}): {@code GET /api-tokens/self} answers from
 * the caller's own check, and {@code POST /api-tokens/verify} checks another key ({@link VerifyDoor}, which
 * leaves the event loop only on a cache miss). Both literal paths take precedence over
 * {@code /api-tokens/{id}}.
 */
@Controller("/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
class TokenCheckController {

    private final TokenQueries queries;
    private final VerifyDoor door;
    private final RotationPolicy rotation;

    TokenCheckController(TokenQueries queries, VerifyDoor door, RotationPolicy rotation) {
        this.queries = queries;
        this.door = door;
        this.rotation = rotation;
    }

    @Get("/self")
    ApiTokenResponse self(Caller caller, HttpRequest<?> request) {
        return ApiTokenMapper.toResponse(queries.self(caller, ApiKeyAuthenticationFilter.checkedToken(request)), rotation);
    }

    /**
     * Always 200 for a well-formed request. {@link VerifyDoor} answers this route before the chain gets
     * here (authentication included); the route declares it, and answers the same should it be reached.
     */
    @Post("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<?>> verify(Caller caller, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return door.verified(caller, request, body);
    }
}
