-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- A token's metadata: one JSON object as compact text, at most 4096 bytes of UTF-8 (TokenMeta), so
-- at most 4096 characters in any of the three. Existing tokens get none: {}. It travels in the row
-- the check caches, so a change reaches every node through the change feed like any update.
ALTER TABLE api_tokens ADD COLUMN meta VARCHAR(4096) NOT NULL DEFAULT '{}';
