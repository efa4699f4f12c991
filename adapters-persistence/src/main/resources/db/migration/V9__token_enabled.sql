-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.

-- A token switched off (enabled = FALSE) is refused by every door, yet kept, listed and changeable;
-- enabling it again brings it back with its values. Existing tokens stay enabled. The column travels
-- in the row the check caches, so a change reaches every node through the change feed like any update.
ALTER TABLE api_tokens ADD COLUMN enabled BOOLEAN NOT NULL DEFAULT TRUE;
