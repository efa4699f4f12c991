package dev.keyward.adapter.rest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * The {@code keyward.leaks.*} settings of the REST adapter, each default written here only.
 *
 * @param githubPublicKeys GitHub's secret-scanning public keys document, as downloaded from
 *                         {@code https://api.github.com/meta/public_keys/secret_scanning}; unset:
 *                         {@code POST /secret-scanning/github} refuses every request
 */
@ConfigurationProperties("keyward.leaks")
public record LeakSettings(@Nullable Path githubPublicKeys) {
}
