package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.domain.network.CidrBlock;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/**
 * Maps an {@code api_tokens} row to and from {@link ApiToken}. Times travel as UTC
 * {@link LocalDateTime} through {@code setObject}/{@code getObject}, which no driver shifts by the
 * JVM's time zone (unlike {@code java.sql.Timestamp}), truncated to the column's microseconds.
 */
final class TokenRowMapper {

    static final String COLUMNS = "id, name, permissions, allowed_cidr_blocks, created_at, created_by_id, "
            + "created_by_type, updated_at, updated_by_id, updated_by_type, expires_at, last_used_at, last_used_from, rotated_at, "
            + "secret_hash, previous_secret_hash, previous_value_expires_at, enabled, meta, owner_id, version";

    /**
     * {@link #COLUMNS} and, read fresh with every token, its owner's external id and metadata: two lookups
     * by primary key, so an owner's change is what the next read of any of its tokens sees. Select them
     * {@code FROM api_tokens}.
     */
    static final String READ_COLUMNS = COLUMNS
            + ", (SELECT external_id FROM owners WHERE owners.id = api_tokens.owner_id) AS owner_external_id"
            + ", (SELECT meta FROM owners WHERE owners.id = api_tokens.owner_id) AS owner_meta";

    /** How many columns {@link #READ_COLUMNS} selects. */
    static final int READ_COLUMN_COUNT = COLUMNS.split(",").length + 2;

    private static final String SEPARATOR = ",";

    private TokenRowMapper() {
    }

    static ApiToken read(ResultSet rs) throws SQLException {
        return ApiToken.reconstitute(
                TokenId.parse(rs.getString("id")),
                new TokenName(rs.getString("name")),
                permissions(rs.getString("permissions")),
                allowlist(rs.getString("allowed_cidr_blocks")),
                Columns.instant(rs, "created_at"),
                actor(rs.getString("created_by_id"), rs.getString("created_by_type")),
                Columns.instant(rs, "updated_at"),
                actor(rs.getString("updated_by_id"), rs.getString("updated_by_type")),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "last_used_at"),
                address(rs.getString("last_used_from")),
                Columns.instant(rs, "rotated_at"),
                new SecretHash(rs.getBytes("secret_hash")),
                hash(rs.getBytes("previous_secret_hash")),
                Columns.instant(rs, "previous_value_expires_at"),
                rs.getBoolean("enabled"),
                new TokenMeta(rs.getString("meta")),
                owner(rs.getString("owner_id"), rs.getString("owner_external_id"), rs.getString("owner_meta")),
                rs.getLong("version"));
    }

    /** Binds every column of {@link #COLUMNS}, in that order, from {@code index}. */
    static void bindAll(PreparedStatement ps, int index, ApiToken token) throws SQLException {
        ps.setString(index, token.id().toString());
        ps.setString(index + 1, token.name().value());
        ps.setString(index + 2, permissionsText(token));
        ps.setString(index + 3, allowlistText(token));
        Columns.bindInstant(ps, index + 4, token.createdAt());
        ps.setString(index + 5, token.createdBy().id());
        ps.setString(index + 6, token.createdBy().type().wireName());
        Columns.bindInstant(ps, index + 7, token.updatedAt());
        ps.setString(index + 8, token.updatedBy() == null ? null : token.updatedBy().id());
        ps.setString(index + 9, token.updatedBy() == null ? null : token.updatedBy().type().wireName());
        Columns.bindInstant(ps, index + 10, token.expiresAt());
        Columns.bindInstant(ps, index + 11, token.lastUsedAt());
        ps.setString(index + 12, token.lastUsedFrom() == null ? null : token.lastUsedFrom().toString());
        Columns.bindInstant(ps, index + 13, token.rotatedAt());
        ps.setBytes(index + 14, token.secretHash().bytes());
        Columns.bindHash(ps, index + 15, token.previousSecretHash());
        Columns.bindInstant(ps, index + 16, token.previousValueExpiresAt());
        ps.setBoolean(index + 17, token.isEnabled());
        ps.setString(index + 18, token.meta().json());
        ps.setString(index + 19, token.owner() == null ? null : token.owner().id().toString());
        ps.setLong(index + 20, token.version());
    }

    private static TokenOwner owner(String id, String externalId, String meta) {
        if (id == null) {
            return null;
        }
        if (externalId == null) {
            throw new IllegalStateException("api_tokens names owner " + id + ", which owners does not hold");
        }
        return new TokenOwner(OwnerId.parse(id), externalId, new TokenMeta(meta));
    }

    private static SecretHash hash(byte[] bytes) {
        return bytes == null ? null : new SecretHash(bytes);
    }

    static String permissionsText(ApiToken token) {
        return String.join(SEPARATOR, token.permissions().names());
    }

    static String allowlistText(ApiToken token) {
        return String.join(SEPARATOR, token.allowlist().texts());
    }

    private static IpAddress address(String text) {
        return text == null ? null : IpAddress.parse(text);
    }

    private static PermissionSet permissions(String text) {
        EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
        for (String name : split(text)) {
            set.add(Permission.named(name).orElseThrow(() ->
                    new IllegalStateException("api_tokens holds unknown permission '" + name + "'")));
        }
        return new PermissionSet(set);
    }

    private static IpAllowlist allowlist(String text) {
        return new IpAllowlist(split(text).stream().map(CidrBlock::parse).toList());
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(SEPARATOR, -1));
    }

    private static Actor actor(String id, String type) {
        if (id == null) {
            return null;
        }
        return new Actor(id, ActorType.fromWireName(type).orElseThrow(() ->
                new IllegalStateException("api_tokens holds unknown actor type '" + type + "'")));
    }
}
