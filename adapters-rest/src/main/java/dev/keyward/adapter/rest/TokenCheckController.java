package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.TokenQueries;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The two {@code /api-tokens} endpoints that are checks rather than reads of the database, so they
 * run on the event loop (unlike {@link ApiTokenController}): {@code GET /api-tokens/self} answers from
 * the caller's own check, and {@code POST /api-tokens/verify} checks another key through {@link Checks},
 * which leaves the event loop only on a cache miss. Both literal paths take precedence over
 * {@code /api-tokens/{id}}.
 */
@Controller("/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
class TokenCheckController {

    private final TokenQueries queries;
    private final Checks checks;
    private final TokenRequestReader reader;
    private final RotationPolicy rotation;

    TokenCheckController(TokenQueries queries, Checks checks, TokenRequestReader reader, RotationPolicy rotation) {
        this.queries = queries;
        this.checks = checks;
        this.reader = reader;
        this.rotation = rotation;
    }

    @Get("/self")
    ApiTokenResponse self(Caller caller, HttpRequest<?> request) {
        return ApiTokenMapper.toResponse(queries.self(caller, ApiKeyAuthenticationFilter.checkedToken(request)), rotation);
    }

    /** Always 200 for a well-formed request: the answer is in {@code valid} and {@code code}. */
    @Post("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    CompletableFuture<HttpResponse<?>> verify(Caller caller, HttpRequest<?> request, @Nullable @Body byte[] body) {
        caller.permissions().require(Permission.OrganizationAPITokenRead, "verify tokens");
        VerifyRequest verify = reader.readVerify(body);
        PermissionSet required = verify.permissions() == null ? PermissionSet.of() : PermissionSet.parse("permissions", verify.permissions());
        CheckRequest check = new CheckRequest(verify.key(), RequestCredentials.parseAddress("clientAddress", verify.clientAddress()),
                required, Door.VERIFY, new CheckRequest.Asker(caller.address(), caller.tokenId()));
        return checks.answer(request, check, result -> HttpResponse.ok(toResponse(result)));
    }

    private VerifyResponse toResponse(CheckResult result) {
        List<String> missing = result.missing().permissions().isEmpty() ? null : result.missing().names();
        return new VerifyResponse(result.isValid(), result.code().name(),
                result.token().map(token -> ApiTokenMapper.toResponse(token, rotation)).orElse(null), missing);
    }
}
