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
 * {@code keyward.graphql.*}, {@code keyward.check.*}, {@code keyward.tokens.*}), each default written here and only here — except the data directory's:
 * {@code application.yml} holds {@code ./data}, because the default H2 URL there is built from it.
 * Environment variables map as Micronaut maps them: {@code KEYWARD_DATA_DIR} is {@code keyward.data-dir}.
 * Bound at start ({@link Context}), so a bad value refuses the start with its reason.
 */
@Context
@ConfigurationProperties("keyward")
record KeywardSettings(Path dataDir, Secrets secrets, BootstrapToken bootstrap, Http http, Security security) {

    /** @param pepper the HMAC key of stored token hashes ({@code KEYWARD_SECRETS_PEPPER}); see {@link Pepper} */
    @ConfigurationProperties("secrets")
    record Secrets(@Nullable String pepper) {
    }

    /** @param token the first admin token's value ({@code KEYWARD_BOOTSTRAP_TOKEN}); unset: one is minted */
    @ConfigurationProperties("bootstrap")
    record BootstrapToken(@Nullable String token) {
    }

    /** @param trustedProxies CIDR blocks whose {@code X-Forwarded-For} is believed; none by default */
    @ConfigurationProperties("http")
    record Http(@Nullable List<String> trustedProxies) {

        Http {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }

    /** @param authFailures when failed checks from one address are reported ({@code dev.keyward.security.auth-failures}) */
    @ConfigurationProperties("security")
    record Security(AuthFailures authFailures) {

        /**
         * @param threshold    failed checks one client address may have within one window unreported
         * @param window       how long a window lasts; an address is reported at most once per window
         * @param maxAddresses how many addresses are counted at once (bounds memory under a flood)
         */
        @ConfigurationProperties("auth-failures")
        record AuthFailures(@Bindable(defaultValue = "20") int threshold,
                            @Bindable(defaultValue = "1m") Duration window,
                            @Bindable(defaultValue = "100000") int maxAddresses) {

            AuthFailures {
                if (threshold < 1 || maxAddresses < 1) {
                    throw new StartupRefusedException("keyward.security.auth-failures.threshold and .max-addresses must be at least 1");
                }
                if (window.isNegative() || window.isZero()) {
                    throw new StartupRefusedException("keyward.security.auth-failures.window must be a positive duration, was " + window);
                }
            }
        }
    }
}
