-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- Whose keys are: a customer, team or service of the platform, known there by external_id (1 to 256
-- code points; H2 counts UTF-16 units, so room for 256 non-BMP characters), unique.
CREATE TABLE owners (
    id          CHAR(36)      NOT NULL,
    external_id VARCHAR(512)  NOT NULL,
    name        VARCHAR(510)  NULL,
    meta        VARCHAR(4096) NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    version     BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_owners_external_id (external_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A token belongs to at most one owner. The foreign key keeps a token from pointing at an owner that
-- is gone (OwnerService refuses first, with a message; this holds under any race). The index finds an
-- owner's tokens: to count them, and to tell every node's check that their owner changed.
ALTER TABLE api_tokens ADD COLUMN owner_id CHAR(36) NULL;
CREATE INDEX ix_api_tokens_owner_id ON api_tokens (owner_id, id);
ALTER TABLE api_tokens ADD CONSTRAINT fk_api_tokens_owner FOREIGN KEY (owner_id) REFERENCES owners (id);
