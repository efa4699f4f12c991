-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.
-- The change feed's numbers now come from one counter row per writing node (token_change_writers)
-- instead of V6's single row for the whole database. On one server nothing changes in substance: a
-- node's writes still pass its counter one at a time, in commit order, without gaps. On a Galera
-- cluster it is the difference that matters: a row every node updated made every two token writes
-- committed at once on two cluster nodes fail certification (one of them had to run again); now only
-- writes to the same token conflict. Each node's feed reads, for every writer whose counter moved,
-- the rows after the last number it saw of that writer.
-- The rows of the old feed are dropped: every node restarts with an empty cache when it is upgraded.
DROP TABLE token_changes;
DROP TABLE token_change_counter;

CREATE TABLE token_change_writers (
    writer     CHAR(36)    NOT NULL,
    seq        BIGINT      NOT NULL,
    touched_at DATETIME(6) NOT NULL,
    PRIMARY KEY (writer)
);

CREATE TABLE token_changes (
    writer      CHAR(36)    NOT NULL,
    seq         BIGINT      NOT NULL,
    secret_hash BINARY(32)  NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (writer, seq)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE INDEX ix_token_changes_changed_at ON token_changes (changed_at);
