-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- The lifecycle calendar: one row per token holding when its next lifecycle occasion (an expiry
-- warning, the expiry, a rotation due) falls. Written in the same transaction as the token's create,
-- rotate and delete; the scan reads only the rows that are due (ix_token_lifecycle_due_at), claims them
-- FOR UPDATE SKIP LOCKED and moves each on conditionally, so each occasion is announced once.
CREATE TABLE token_lifecycle_due (
    token_id CHAR(36)    NOT NULL,
    due_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (token_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_token_lifecycle_due_at ON token_lifecycle_due (due_at);

-- Tokens created before this table existed: due from their creation on, so the first scan works out
-- (with the settings of that moment) what each one is owed: a rotation overdue, an expiry, a warning.
INSERT INTO token_lifecycle_due (token_id, due_at)
SELECT id, created_at FROM api_tokens;

-- Hashes of values reported as leaked that cost their token its life: a repeated report of one of
-- them is recognised ("already-dead") and makes no second event. Never the value itself.
CREATE TABLE leaked_values (
    secret_hash BINARY(32)  NOT NULL,
    token_id    CHAR(36)    NOT NULL,
    reported_at DATETIME(6) NOT NULL,
    PRIMARY KEY (secret_hash)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
