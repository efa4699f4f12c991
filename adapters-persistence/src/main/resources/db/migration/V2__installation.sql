-- Runs unchanged on MariaDB 10.11, MySQL 8 and H2 (MODE=MySQL), like V1.
-- Facts about the installation as a whole, one row per fact; the primary key makes each fact
-- recordable exactly once, even by several nodes starting at the same time (JdbcInstallation).
CREATE TABLE keyward_installation (
    fact        VARCHAR(64) NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    PRIMARY KEY (fact)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A database that already holds tokens was bootstrapped before this table existed: record it, dated by
-- its oldest token, so deleting every token later cannot make the next start issue a bootstrap token.
INSERT INTO keyward_installation (fact, recorded_at)
SELECT 'bootstrapped', MIN(created_at) FROM api_tokens HAVING COUNT(*) > 0;
