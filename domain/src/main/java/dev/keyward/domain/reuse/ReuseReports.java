package dev.keyward.domain.reuse;

import dev.keyward.domain.token.TokenId;

import java.time.Duration;
import java.time.Instant;

/**
 * When each token's reuse was last reported, shared by every node, so a retired value presented over
 * and over, on any number of nodes, is reported at most once per token per interval. Joins the
 * caller's transaction: a claim stands only if the report it allows commits with it.
 */
public interface ReuseReports {

    /**
     * Claims the right to report a reuse of {@code token} at {@code now}: true, and recorded, unless
     * one was reported less than {@code interval} before (or another node is claiming it right now).
     */
    boolean claim(TokenId token, Instant now, Duration interval);
}
