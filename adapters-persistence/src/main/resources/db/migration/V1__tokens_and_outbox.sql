-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL): see ../shared/TOOLCHAIN.md.
-- Times are UTC wall-clock values (DATETIME has no zone); the adapter converts Instant <-> UTC LocalDateTime.
-- utf8mb4 so any name, emoji included, survives; _bin so ids compare byte-wise, as Java orders them.

CREATE TABLE api_tokens (
    id                  CHAR(36)     NOT NULL,
    -- at most 255 code points (TokenName); H2 counts UTF-16 units, so room for 255 non-BMP characters
    name                VARCHAR(510) NOT NULL,
    -- comma-separated permission names, in enum order
    permissions         TEXT         NOT NULL,
    -- comma-separated CIDR blocks in canonical form, in the order given; empty: any address
    allowed_cidr_blocks TEXT         NOT NULL,
    created_at          DATETIME(6)  NOT NULL,
    created_by_id       VARCHAR(255) NOT NULL,
    created_by_type     VARCHAR(16)  NOT NULL,
    updated_at          DATETIME(6)  NULL,
    updated_by_id       VARCHAR(255) NULL,
    updated_by_type     VARCHAR(16)  NULL,
    expires_at          DATETIME(6)  NULL,
    last_used_at        DATETIME(6)  NULL,
    rotated_at          DATETIME(6)  NULL,
    -- HMAC-SHA256 of the current value: the only form of the secret ever stored
    secret_hash         BINARY(32)   NOT NULL,
    version             BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_tokens_secret_hash (secret_hash)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Store-and-forward audit trail: written in the same transaction as the change it describes,
-- published later by a relay that claims the oldest unsent rows (SELECT ... FOR UPDATE SKIP LOCKED).
CREATE TABLE audit_outbox (
    seq         BIGINT      NOT NULL AUTO_INCREMENT,
    event_id    CHAR(36)    NOT NULL,
    token_id    CHAR(36)    NOT NULL,
    event_type  VARCHAR(64) NOT NULL,
    occurred_at DATETIME(6) NOT NULL,
    payload     LONGTEXT    NOT NULL,
    sent_at     DATETIME(6) NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (seq),
    UNIQUE KEY uk_audit_outbox_event_id (event_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_audit_outbox_unsent ON audit_outbox (sent_at, seq);
