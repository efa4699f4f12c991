-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.
-- A relay's claim on outbox rows is now written on the rows (which relay holds them, until when) and
-- committed before the events are published, instead of being only a row lock held while publishing: a
-- Galera cluster does not share locks between its nodes, so two nodes' relays both locked and published
-- the same rows. Of two claims written at once on two cluster nodes, one fails certification at COMMIT.
-- A claim whose relay stopped mid-pass expires (keyward.events.claim-duration) and the rows are claimed again.
ALTER TABLE audit_outbox ADD COLUMN claimed_by CHAR(36) NULL;
ALTER TABLE audit_outbox ADD COLUMN claimed_until DATETIME(6) NULL;
