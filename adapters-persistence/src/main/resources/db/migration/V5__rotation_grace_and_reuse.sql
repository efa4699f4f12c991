-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- A rotation with a grace period keeps the value it replaced working until previous_value_expires_at:
-- the token's one previous value, by its hash (never the value). Both columns are null, or both set.
-- The check finds a token by either hash (JdbcTokens.findByHash: one indexed lookup per column).
ALTER TABLE api_tokens ADD COLUMN previous_secret_hash BINARY(32) NULL;
ALTER TABLE api_tokens ADD COLUMN previous_value_expires_at DATETIME(6) NULL;
CREATE UNIQUE INDEX uk_api_tokens_previous_secret_hash ON api_tokens (previous_secret_hash);

-- Hashes of values rotated away, remembered for keyward.tokens.retired-value-memory so that presenting
-- one again is recognised as reuse (dev.keyward.api-token.reused). Written in the rotation's
-- transaction; forgotten by the lifecycle scan once older than the memory (ix_retired_values_retired_at).
CREATE TABLE retired_values (
    secret_hash BINARY(32)  NOT NULL,
    token_id    CHAR(36)    NOT NULL,
    retired_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (secret_hash)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_retired_values_retired_at ON retired_values (retired_at);

-- When each token's reuse was last reported: every node claims here before reporting, so a value
-- replayed on many nodes makes at most one event per token per minute (JdbcReuseReports).
CREATE TABLE token_reuse_reports (
    token_id    CHAR(36)    NOT NULL,
    reported_at DATETIME(6) NOT NULL,
    PRIMARY KEY (token_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
