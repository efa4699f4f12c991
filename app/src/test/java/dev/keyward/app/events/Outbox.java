package dev.keyward.app.events;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads {@code audit_outbox} and token hashes directly, as another database client would. */
final class Outbox {

    /** One outbox row. */
    record Row(long seq, String eventId, String tokenId, String type, boolean sent, int attempts) {
    }

    private final DataSource dataSource;

    Outbox(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        query("SELECT seq, event_id, token_id, event_type, sent_at IS NOT NULL AS sent, attempts FROM audit_outbox ORDER BY seq", rs -> {
            rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getInt(6)));
        });
        return rows;
    }

    /** The event types of one token's outbox rows, in commit (seq) order. */
    List<String> typesOf(String tokenId) {
        return rows().stream().filter(row -> tokenId.equals(row.tokenId())).map(Row::type).toList();
    }

    /** The stored payloads of one token's outbox rows, as text. */
    List<String> payloadsOf(String tokenId) {
        List<String> payloads = new ArrayList<>();
        query("SELECT token_id, payload FROM audit_outbox ORDER BY seq", rs -> {
            if (tokenId.equals(rs.getString(1))) {
                payloads.add(rs.getString(2));
            }
        });
        return payloads;
    }

    long unsent() {
        return rows().stream().filter(r -> !r.sent()).count();
    }

    /** Waits until every row is sent, at most {@code within}, and returns the rows as they then are. */
    List<Row> awaitDrained(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (unsent() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return rows();
    }

    /** Every token's current secret hash, hex, by token id. */
    Map<String, String> secretHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        query("SELECT id, secret_hash FROM api_tokens", rs -> hashes.put(rs.getString(1), HexFormat.of().formatHex(rs.getBytes(2))));
        return hashes;
    }

    /** Every outbox event id of each token, in commit (seq) order. */
    static Map<String, List<String>> idsByToken(List<Row> rows) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        rows.forEach(r -> ids.computeIfAbsent(r.tokenId(), t -> new ArrayList<>()).add(r.eventId()));
        return ids;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
