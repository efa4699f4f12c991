package dev.keyward.domain.manage;

import dev.keyward.domain.token.TokenValue;

import java.util.Optional;

/** Makes sure an empty installation has one admin token, so someone can start using it. */
public interface TokenBootstrap {

    /**
     * When no token exists, creates {@code bootstrap-admin} with every permission: with the value
     * {@code configured} if given, else a fresh one.
     *
     * @return the minted value when one was generated (to show its owner once); empty when the
     *         database already held tokens or the configured value was used
     */
    Optional<TokenValue> bootstrap(Optional<TokenValue> configured);
}
