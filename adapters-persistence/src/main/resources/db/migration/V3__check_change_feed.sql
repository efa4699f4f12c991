-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.
-- The check's change feed: every write to api_tokens appends, in the same transaction, one row per
-- secret hash whose answer changed (a new hash, the current one, a rotated-away one, a deleted one).
-- Every node polls rows after the last seq it saw and drops those hashes from its cache
-- (ChangeFeed); rows older than keyward.check.feed-retention are pruned. No token value, only hashes.
CREATE TABLE token_changes (
    seq         BIGINT      NOT NULL AUTO_INCREMENT,
    secret_hash BINARY(32)  NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (seq)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_token_changes_changed_at ON token_changes (changed_at);

-- The client address of the last recorded use (IPv6 text is at most 45 characters); flushed in bulk
-- with last_used_at by BatchedTokenUses.
ALTER TABLE api_tokens ADD COLUMN last_used_from VARCHAR(45) NULL;

-- A security observation (dev.keyward.security.auth-failures) concerns no token.
ALTER TABLE audit_outbox MODIFY token_id CHAR(36) NULL;
