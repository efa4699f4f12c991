package dev.keyward.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code keyward.*} settings the app itself reads (the adapters own theirs: {@code keyward.events.*},
 * {@code keyward.graphql.*}), each default written here and only here — except the data directory's:
 * {@code application.yml} holds {@code ./data}, because the default H2 URL there is built from it.
 * Environment variables map as Micronaut maps them: {@code KEYWARD_DATA_DIR} is {@code keyward.data-dir}.
 * Bound at start ({@link Context}), so a bad value refuses the start with its reason.
 */
@Context
@ConfigurationProperties("keyward")
record KeywardSettings(Path dataDir, Secrets secrets, BootstrapToken bootstrap, Http http, Tokens tokens) {

    /** @param pepper the HMAC key of stored token hashes ({@code KEYWARD_SECRETS_PEPPER}); see {@link Pepper} */
    @ConfigurationProperties("secrets")
    record Secrets(@Nullable String pepper) {
    }

    /** @param token the first admin token's value ({@code KEYWARD_BOOTSTRAP_TOKEN}); unset: one is minted */
    @ConfigurationProperties("bootstrap")
    record BootstrapToken(@Nullable String token) {
    }

    /**
     * @param trustedProxies CIDR blocks whose {@code X-Forwarded-For} is believed; none by default
     * @param accessLog      one line per request on logger {@code dev.keyward.access} ({@link AccessLogFilter}); off by default
     */
    @ConfigurationProperties("http")
    record Http(@Nullable List<String> trustedProxies, @Bindable(defaultValue = "false") boolean accessLog) {

        Http {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }

    /** @param lastUsedResolution how stale {@code lastUsedAt} may get before a use is written back */
    @ConfigurationProperties("tokens")
    record Tokens(@Bindable(defaultValue = "5s") Duration lastUsedResolution) {

        Tokens {
            if (lastUsedResolution.isNegative()) {
                throw new StartupRefusedException("keyward.tokens.last-used-resolution must not be negative, was " + lastUsedResolution);
            }
        }
    }
}
