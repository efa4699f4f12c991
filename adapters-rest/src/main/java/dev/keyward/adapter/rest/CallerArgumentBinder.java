package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.UnauthenticatedException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Hands controller methods the {@link Caller} that {@link ApiKeyAuthenticationFilter} authenticated. */
@Singleton
final class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    static final String ATTRIBUTE = "keyward.caller";
    /** The caller's {@code TokenView} as its check saw it. */
    static final String CHECKED_TOKEN = "keyward.checked-token";

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        Optional<Caller> caller = Optional.of(callerOf(source));
        return () -> caller;
    }

    /** The caller the filter admitted; fails closed: a request that was not admitted never runs as anyone. */
    static Caller callerOf(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class)
                .orElseThrow(() -> new UnauthenticatedException("no authenticated caller on the request"));
    }
}
