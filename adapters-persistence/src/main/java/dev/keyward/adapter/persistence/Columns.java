package dev.keyward.adapter.persistence;

import dev.keyward.domain.token.SecretHash;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** How every table of the adapter holds instants (DATETIME(6), UTC, whole microseconds) and secret hashes (BINARY(32)). */
public final class Columns {

    private Columns() {
    }

    public static void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, toColumn(instant));
    }

    /** The value a DATETIME(6) column holds for {@code instant}: UTC wall-clock time, whole microseconds. */
    public static LocalDateTime toColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public static void bindHash(PreparedStatement ps, int index, SecretHash hash) throws SQLException {
        ps.setBytes(index, hash == null ? null : hash.bytes());
    }
}
