-- token_changes.seq is now handed out by one counter row that the writing transaction updates: the
-- row's lock is held until COMMIT, so numbers follow commit order and have no gaps (a rolled-back
-- write returns its numbers with the rollback). On one server and on a Galera cluster alike (where
-- AUTO_INCREMENT interleaves nodes' values and leaves most ids unused), the change feed can simply read
-- every row after the last one it saw: a committed change can no longer hide behind a gap.
CREATE TABLE token_change_counter (
    id  INT    NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (id)
);

INSERT INTO token_change_counter (id, seq) SELECT 1, COALESCE(MAX(seq), 0) FROM token_changes;
