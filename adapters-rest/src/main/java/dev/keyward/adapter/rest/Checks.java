package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.CheckStep;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.error.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one helper every door answers through: it starts the check on the event loop, answers a check
 * the node's cache could settle in place, and hands only a pending one (with the hash it computed) to
 * the blocking pool to finish. A thread hop is most of a cache hit's cost at 50k requests/s. A failure
 * of the check becomes the domain's own status (e.g. 503 when the node cannot answer safely); anything
 * else is a bug and stays a failure (500, logged).
 */
@Singleton
final class Checks {

    private final TokenCheck check;
    private final ExecutorService blocking;

    Checks(TokenCheck check, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.check = check;
        this.blocking = blocking;
    }

    /**
     * @param request the HTTP request, for the refusal's shape
     * @param asked   what the door asks
     * @param answer  the door's answer to the check's result
     */
    <R extends HttpResponse<?>> CompletableFuture<R> answer(HttpRequest<?> request, CheckRequest asked, Function<CheckResult, R> answer) {
        CompletableFuture<R> response = new CompletableFuture<>();
        CheckStep step = check.start(asked);
        if (step instanceof CheckStep.Answered answered) {
            complete(response, request, () -> answer.apply(answered.result()));
        } else {
            try {
                blocking.execute(() -> complete(response, request, () -> answer.apply(step.finish())));
            } catch (RuntimeException e) {
                response.completeExceptionally(e);
            }
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static <R extends HttpResponse<?>> void complete(CompletableFuture<R> response, HttpRequest<?> request, Supplier<R> work) {
        try {
            response.complete(work.get());
        } catch (DomainException e) {
            response.complete((R) refusal(request, e));
        } catch (RuntimeException | Error e) {
            response.completeExceptionally(e);
        }
    }

    private static MutableHttpResponse<ErrorResponse> refusal(HttpRequest<?> request, DomainException failure) {
        return DomainExceptionHandler.responseOf(request, failure);
    }
}
