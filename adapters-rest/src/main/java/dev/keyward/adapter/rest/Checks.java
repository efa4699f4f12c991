package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.TokenVerification;
import dev.keyward.domain.check.Verification;
import dev.keyward.domain.error.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * Runs a check without blocking the event loop and without hopping threads when it need not: a check
 * the node can answer from its cache is answered in place; only a miss goes to the blocking pool.
 * A thread hop is most of a cache hit's cost at 50k requests/s, so the doors call this instead of
 * running on the blocking pool throughout.
 */
@Singleton
final class Checks {

    private final TokenVerification verification;
    private final ExecutorService blocking;

    Checks(TokenVerification verification, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verification = verification;
        this.blocking = blocking;
    }

    /** Completes with the verification, or exceptionally with the domain's exception itself (never wrapped). */
    CompletableFuture<Verification> check(CheckRequest request) {
        Optional<Verification> cached = verification.verifyIfCached(request);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        CompletableFuture<Verification> answer = new CompletableFuture<>();
        blocking.execute(() -> {
            try {
                answer.complete(verification.verify(request));
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /**
     * The response for a failed check: the domain's own status for a {@link DomainException} (e.g. 503
     * when the node cannot answer safely); anything else is a bug and stays a failure (500, logged).
     */
    static MutableHttpResponse<ErrorResponse> refusal(HttpRequest<?> request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof DomainException domain) {
            return DomainExceptionHandler.responseOf(request, domain);
        }
        throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
