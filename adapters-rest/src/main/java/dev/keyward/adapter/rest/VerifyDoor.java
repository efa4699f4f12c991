package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionQuery;
import dev.keyward.domain.permission.PermissionSet;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /api-tokens/verify}, answered by {@link ApiKeyAuthenticationFilter} as soon as it has
 * admitted the caller, like the refusal it is measured against, instead of going on down the chain: the
 * body, then the presented key, each step in place on the event loop when it can be ({@link Checks}
 * leaves it only on a cache miss). The reactive continuation and the route dispatch it saves cost more
 * than the two checks, the JSON read and the JSON written. The route ({@link TokenCheckController#verify})
 * still declares the endpoint and decides which requests are this door's (a POST whose content type it
 * accepts: anything else goes on to the same 415 or 405 as before); it answers by {@link #verified}
 * should the chain ever reach it.
 *
 * <p>The order of answers is the route's: a stranger gets the 401 before any body is read, a caller
 * without {@code OrganizationAPITokenRead} the 403, then the body's 400s, then the verdict (always 200).
 */
@Singleton
final class VerifyDoor {

    static final String PATH = "/api-tokens/verify";

    private final Checks checks;
    private final TokenRequestReader reader;
    private final VerifyResponses responses;
    private final OversizedBodyHandler oversized;
    private final AnswerHeaders headers;

    VerifyDoor(Checks checks, TokenRequestReader reader, VerifyResponses responses, OversizedBodyHandler oversized,
               AnswerHeaders headers) {
        this.checks = checks;
        this.reader = reader;
        this.responses = responses;
        this.oversized = oversized;
        this.headers = headers;
    }

    /** Whether {@code request} is this door's: its route took it. */
    boolean answers(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && PATH.equals(request.getPath())
                && request instanceof ServerHttpRequest<?> && RouteAttributes.getRouteMatch(request).isPresent();
    }

    /** The answer to a request it {@link #answers}, once its caller is admitted: with the headers of a routed answer. */
    CompletableFuture<MutableHttpResponse<?>> answer(HttpRequest<?> request) {
        return ((ServerHttpRequest<?>) request).byteBody().buffer().handle((body, failure) -> {
            if (failure != null) {
                return CompletableFuture.<MutableHttpResponse<?>>completedFuture(tooLarge(request, failure));
            }
            return verified(CallerArgumentBinder.callerOf(request), request, body.toByteArray());
        }).thenCompose(answer -> answer).thenApply(headers::addTo);
    }

    /** The verdict for an admitted caller; a refusal of the request itself (403, 400) is its answer, not a failure. */
    CompletableFuture<MutableHttpResponse<?>> verified(Caller caller, HttpRequest<?> request, byte[] body) {
        CheckRequest check;
        try {
            caller.permissions().require(Permission.OrganizationAPITokenRead, "verify tokens");
            VerifyRequest verify = reader.readVerify(body);
            PermissionQuery required = verify.permissionQuery() != null ? PermissionQuery.parse("permissions", verify.permissionQuery())
                    : verify.permissions() != null ? PermissionQuery.allOf(PermissionSet.parse("permissions", verify.permissions()))
                    : PermissionQuery.none();
            check = new CheckRequest(verify.key(), RequestCredentials.parseAddress("clientAddress", verify.clientAddress()),
                    required, Door.VERIFY, new CheckRequest.Asker(caller.address(), caller.tokenId()));
        } catch (DomainException e) {
            return CompletableFuture.completedFuture(DomainExceptionHandler.responseOf(request, e));
        }
        return checks.answer(request, check, result -> HttpResponse.ok(responses.bodyOf(result)).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private MutableHttpResponse<?> tooLarge(HttpRequest<?> request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ContentLengthExceededException tooLong) {
            return oversized.handle(request, tooLong).toMutableResponse();
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    }
}
