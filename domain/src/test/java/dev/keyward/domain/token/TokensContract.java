package dev.keyward.domain.token;

import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link Tokens} must show, run against the in-memory fake and against each real
 * database, so the fake the domain tests rely on cannot drift from production.
 *
 * <p>Times are whole microseconds, the precision the port promises to keep. One of them,
 * 2024-03-10T02:30Z, is inside a daylight-saving gap of several zones, which catches a mapping that
 * goes through the JVM's default time zone.
 */
public abstract class TokensContract {

    /** A store holding no token, used for one test. */
    protected abstract Tokens emptyTokens();

    /** Runs {@code work} in a write transaction, as a use case would; by default just runs it. */
    protected <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    protected static final Instant T0 = Instant.parse("2024-03-10T02:30:00.123456Z");

    private final Random random = new Random(20240310);
    protected Tokens tokens;

    @BeforeEach
    void startEmpty() {
        tokens = emptyTokens();
    }

    @Test
    void an_added_token_is_found_by_id_and_by_its_secret_hash() {
        ApiToken token = issued(T0);
        tokens.add(token);

        assertSameToken(token, tokens.findById(token.id()).orElseThrow());
        assertSameToken(token, tokens.findByHash(token.secretHash()).orElseThrow());
    }

    @Test
    void unknown_ids_and_hashes_find_nothing() {
        tokens.add(issued(T0));

        assertTrue(tokens.findById(TokenId.newId(T0, random)).isEmpty());
        assertTrue(tokens.findByHash(newHash()).isEmpty());
    }

    @Test
    void every_field_round_trips_exactly() {
        String name = "Prod deploy 🔑 – Zürich/東京 \"quoted\", comma";
        ApiToken token = ApiToken.reconstitute(TokenId.newId(T0, random), new TokenName(name),
                PermissionSet.of(Permission.AIRunAsModify, Permission.OrganizationAPITokenRead, Permission.ViewAISkills),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("2001:db8::/32", "10.0.0.0/8", "::/0", "192.168.1.7/32",
                        "fe80::1:2:3:4/128")),
                T0, new Actor("user-17", ActorType.USER),
                T0.plusNanos(1_000), Actor.token(TokenId.newId(T0, random)),
                Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("1970-01-01T00:00:00.000001Z"),
                IpAddress.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:fffe"), T0.plus(Duration.ofDays(40)).plusNanos(999_000), newHash(), 41);
        tokens.add(token);

        ApiToken read = tokens.findById(token.id()).orElseThrow();

        assertSameToken(token, read);
        assertEquals(name, read.name().value());
        assertEquals(List.of("2001:db8::/32", "10.0.0.0/8", "::/0", "192.168.1.7/32", "fe80::1:2:3:4/128"),
                read.allowlist().texts(), "blocks keep their order");
    }

    @Test
    void nullable_fields_and_empty_sets_round_trip_as_such() {
        ApiToken token = ApiToken.reconstitute(TokenId.newId(T0, random), new TokenName("n"),
                PermissionSet.of(), IpAllowlist.anyAddress(), T0, Actor.BOOTSTRAP,
                null, null, null, null, null, null, newHash(), 0);
        tokens.add(token);

        ApiToken read = tokens.findById(token.id()).orElseThrow();

        assertSameToken(token, read);
        assertTrue(read.permissions().permissions().isEmpty());
        assertTrue(read.allowlist().blocks().isEmpty());
        assertNull(read.updatedAt());
        assertNull(read.updatedBy());
        assertNull(read.expiresAt());
        assertNull(read.lastUsedAt());
        assertNull(read.lastUsedFrom());
        assertNull(read.rotatedAt());
    }

    @Test
    void a_name_of_255_emoji_and_all_37_permissions_fit() {
        String name = "🦄".repeat(TokenName.MAX_LENGTH);
        ApiToken token = ApiToken.reconstitute(TokenId.newId(T0, random), new TokenName(name), PermissionSet.all(),
                IpAllowlist.anyAddress(), T0, Actor.BOOTSTRAP, T0, Actor.BOOTSTRAP, null, null, null, null, newHash(), 0);
        tokens.add(token);

        ApiToken read = tokens.findById(token.id()).orElseThrow();

        assertEquals(name, read.name().value());
        assertEquals(PermissionSet.all(), read.permissions());
    }

    @Test
    void after_a_rotation_the_old_hash_finds_nothing_and_the_new_one_finds_the_token() {
        ApiToken token = issued(T0);
        tokens.add(token);
        SecretHash old = token.secretHash();
        SecretHash next = newHash();

        inTransaction(() -> {
            ApiToken loaded = tokens.findById(token.id()).orElseThrow();
            loaded.rotate(next, origin(T0.plusSeconds(60)));
            tokens.update(loaded);
            return null;
        });

        assertTrue(tokens.findByHash(old).isEmpty());
        ApiToken rotated = tokens.findByHash(next).orElseThrow();
        assertEquals(token.id(), rotated.id());
        assertEquals(T0.plusSeconds(60), rotated.rotatedAt());
        assertEquals(T0.plusSeconds(60), rotated.updatedAt());
    }

    @Test
    void a_rotation_with_grace_stores_the_previous_value_and_either_value_finds_the_token() {
        ApiToken token = issued(T0);
        tokens.add(token);
        SecretHash old = token.secretHash();
        SecretHash next = newHash();
        SecretHash third = newHash();

        inTransaction(() -> {
            ApiToken loaded = tokens.findById(token.id()).orElseThrow();
            loaded.rotate(next, Duration.ofHours(1), origin(T0.plusSeconds(60)));
            tokens.update(loaded);
            return null;
        });

        ApiToken byOld = tokens.findByHash(old).orElseThrow();
        assertEquals(token.id(), byOld.id());
        assertEquals(old, byOld.previousSecretHash());
        assertEquals(T0.plusSeconds(60).plus(Duration.ofHours(1)), byOld.previousValueExpiresAt());
        assertEquals(token.id(), tokens.findByHash(next).orElseThrow().id());

        inTransaction(() -> {
            ApiToken loaded = tokens.findById(token.id()).orElseThrow();
            loaded.rotate(third, Duration.ZERO, origin(T0.plusSeconds(120)));
            tokens.update(loaded);
            return null;
        });

        assertTrue(tokens.findByHash(old).isEmpty());
        assertTrue(tokens.findByHash(next).isEmpty());
        ApiToken after = tokens.findByHash(third).orElseThrow();
        assertEquals(null, after.previousSecretHash());
        assertEquals(null, after.previousValueExpiresAt());
    }

    @Test
    void an_update_stores_the_changes_and_bumps_the_version_by_one() {
        ApiToken token = issued(T0);
        tokens.add(token);
        ApiToken loaded = tokens.findById(token.id()).orElseThrow();
        Actor editor = new Actor("ed", ActorType.USER);

        loaded.update(new TokenName("renamed"), PermissionSet.of(Permission.RuleRead),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("2001:db8:1::/48")), false, new TokenMeta("{\"plan\":\"gold\",\"n\":1}"), null,
                new Origin(editor, null, T0.plusSeconds(5)));
        tokens.update(loaded);

        ApiToken read = tokens.findById(token.id()).orElseThrow();
        assertFalse(read.isEnabled(), "switched off");
        assertEquals(new TokenMeta("{\"plan\":\"gold\",\"n\":1}"), read.meta(), "metadata, as its JSON text");
        assertEquals("renamed", read.name().value());
        assertEquals(PermissionSet.of(Permission.RuleRead), read.permissions());
        assertEquals(List.of("2001:db8:1::/48"), read.allowlist().texts());
        assertEquals(T0.plusSeconds(5), read.updatedAt());
        assertEquals(editor, read.updatedBy());
        assertEquals(token.createdAt(), read.createdAt());
        assertEquals(token.createdBy(), read.createdBy());
        assertEquals(token.version() + 1, read.version());
    }

    @Test
    void a_list_pages_through_all_tokens_in_id_order() {
        List<ApiToken> added = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            added.add(issued(T0.plusMillis(i * 3L)));
        }
        List<ApiToken> shuffled = new ArrayList<>(added);
        Collections.shuffle(shuffled, random);
        shuffled.forEach(tokens::add);
        List<TokenId> expected = added.stream().map(ApiToken::id).sorted().toList();

        List<TokenId> seen = new ArrayList<>();
        TokenId after = null;
        List<ApiToken> page;
        do {
            page = tokens.listAfter(after, 3);
            assertTrue(page.size() <= 3, "a page holds at most the limit");
            page.forEach(t -> seen.add(t.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == 3);

        assertEquals(expected, seen);
        assertEquals(expected.subList(0, 7), tokens.listAfter(null, 100).stream().map(ApiToken::id).toList());
        assertEquals(List.of(expected.get(3)), tokens.listAfter(expected.get(2), 1).stream().map(ApiToken::id).toList());
        assertTrue(tokens.listAfter(expected.get(6), 10).isEmpty());
    }

    @Test
    void listed_tokens_carry_all_their_fields() {
        ApiToken token = issued(T0);
        tokens.add(token);

        assertSameToken(token, tokens.listAfter(null, 1).get(0));
    }

    @Test
    void a_store_is_empty_until_a_token_is_added_and_again_after_it_is_removed() {
        assertTrue(tokens.isEmpty());
        ApiToken token = issued(T0);
        tokens.add(token);
        assertFalse(tokens.isEmpty());

        tokens.remove(tokens.findById(token.id()).orElseThrow());

        assertTrue(tokens.isEmpty());
        assertTrue(tokens.findById(token.id()).isEmpty());
        assertTrue(tokens.findByHash(token.secretHash()).isEmpty());
    }

    @Test
    void an_update_from_a_stale_version_fails_and_changes_nothing() {
        ApiToken token = issued(T0);
        tokens.add(token);
        ApiToken first = tokens.findById(token.id()).orElseThrow();
        ApiToken second = tokens.findById(token.id()).orElseThrow();
        first.update(new TokenName("first"), token.permissions(), token.allowlist(), origin(T0.plusSeconds(1)));
        tokens.update(first);

        SecretHash competing = newHash();
        second.rotate(competing, origin(T0.plusSeconds(2)));
        assertThrows(ConcurrentChangeException.class, () -> tokens.update(second));

        ApiToken read = tokens.findById(token.id()).orElseThrow();
        assertEquals("first", read.name().value());
        assertEquals(token.secretHash(), read.secretHash());
        assertNull(read.rotatedAt());
        assertEquals(token.version() + 1, read.version());
        assertTrue(tokens.findByHash(competing).isEmpty(), "the losing rotation's value must never work");
    }

    @Test
    void a_remove_from_a_stale_version_fails_and_keeps_the_token() {
        ApiToken token = issued(T0);
        tokens.add(token);
        ApiToken stale = tokens.findById(token.id()).orElseThrow();
        ApiToken current = tokens.findById(token.id()).orElseThrow();
        current.update(new TokenName("changed"), token.permissions(), token.allowlist(), origin(T0.plusSeconds(1)));
        tokens.update(current);

        assertThrows(ConcurrentChangeException.class, () -> tokens.remove(stale));

        assertEquals("changed", tokens.findById(token.id()).orElseThrow().name().value());
    }

    @Test
    void updating_or_removing_a_token_that_is_gone_fails() {
        ApiToken token = issued(T0);
        tokens.add(token);
        ApiToken loaded = tokens.findById(token.id()).orElseThrow();
        tokens.remove(loaded);

        assertThrows(ConcurrentChangeException.class, () -> tokens.remove(loaded));
        ApiToken again = issued(T0);
        assertThrows(ConcurrentChangeException.class, () -> tokens.update(again), "never added");
        assertTrue(tokens.isEmpty());
    }

    @Test
    void adding_a_token_whose_secret_hash_is_taken_fails_and_stores_nothing() {
        ApiToken first = issued(T0);
        tokens.add(first);
        ApiToken clash = ApiToken.create(TokenId.newId(T0, random), new TokenName("clash"), PermissionSet.of(),
                IpAllowlist.anyAddress(), null, first.secretHash(), origin(T0)).token();

        assertThrows(IllegalStateException.class, () -> tokens.add(clash));

        assertTrue(tokens.findById(clash.id()).isEmpty());
        assertEquals(first.id(), tokens.findByHash(first.secretHash()).orElseThrow().id());
    }

    @Test
    void adding_a_token_whose_id_is_taken_fails_and_keeps_the_first() {
        ApiToken first = issued(T0);
        tokens.add(first);
        ApiToken clash = ApiToken.create(first.id(), new TokenName("clash"), PermissionSet.of(),
                IpAllowlist.anyAddress(), null, newHash(), origin(T0)).token();

        assertThrows(IllegalStateException.class, () -> tokens.add(clash));

        assertSameToken(first, tokens.findById(first.id()).orElseThrow());
        assertTrue(tokens.findByHash(clash.secretHash()).isEmpty());
    }

    /** A freshly issued token with distinct id and hash. */
    protected ApiToken issued(Instant at) {
        return ApiToken.create(TokenId.newId(at, random), new TokenName("token " + random.nextInt(1_000_000)),
                PermissionSet.of(Permission.OrganizationAPITokenRead, Permission.RuleModify),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("10.1.0.0/16", "2001:db8::/64")),
                at.plus(Duration.ofDays(90)), newHash(), origin(at)).token();
    }

    protected SecretHash newHash() {
        byte[] bytes = new byte[SecretHash.LENGTH];
        random.nextBytes(bytes);
        return new SecretHash(bytes);
    }

    protected static Origin origin(Instant at) {
        return new Origin(new Actor("ops", ActorType.USER), IpAddress.parse("2001:db8::7"), at);
    }

    /** Field by field, since {@link ApiToken} has identity equality. */
    protected static void assertSameToken(ApiToken expected, ApiToken actual) {
        assertEquals(expected.id(), actual.id(), "id");
        assertEquals(expected.name(), actual.name(), "name");
        assertEquals(expected.permissions(), actual.permissions(), "permissions");
        assertEquals(expected.allowlist(), actual.allowlist(), "allowlist");
        assertEquals(expected.createdAt(), actual.createdAt(), "createdAt");
        assertEquals(expected.createdBy(), actual.createdBy(), "createdBy");
        assertEquals(expected.updatedAt(), actual.updatedAt(), "updatedAt");
        assertEquals(expected.updatedBy(), actual.updatedBy(), "updatedBy");
        assertEquals(expected.expiresAt(), actual.expiresAt(), "expiresAt");
        assertEquals(expected.lastUsedAt(), actual.lastUsedAt(), "lastUsedAt");
        assertEquals(expected.lastUsedFrom(), actual.lastUsedFrom(), "lastUsedFrom");
        assertEquals(expected.rotatedAt(), actual.rotatedAt(), "rotatedAt");
        assertEquals(expected.secretHash(), actual.secretHash(), "secretHash");
        assertEquals(expected.isEnabled(), actual.isEnabled(), "enabled");
        assertEquals(expected.meta(), actual.meta(), "meta");
        assertEquals(expected.version(), actual.version(), "version");
        assertFalse(actual.isDeleted(), "a stored token is live");
    }
}
