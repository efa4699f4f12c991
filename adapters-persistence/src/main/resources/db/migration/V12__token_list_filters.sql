-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- GET /api-tokens?enabled=… pages in id order among the enabled (or disabled) tokens: this index reads
-- them in that order. ?ownerId=… has ix_api_tokens_owner_id (owner_id, id) from V11.
CREATE INDEX ix_api_tokens_enabled ON api_tokens (enabled, id);
