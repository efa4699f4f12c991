package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {

    private final ServiceFixture f = new ServiceFixture();

    private static final List<String> OK_PERMISSIONS = List.of("AlertRead");

    static Stream<Arguments> badCommands() {
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            tooMany.add("10." + i + ".0.0/16");
        }
        return Stream.of(
                Arguments.of("name", null, OK_PERMISSIONS, null),
                Arguments.of("name", "", OK_PERMISSIONS, null),
                Arguments.of("name", "   ", OK_PERMISSIONS, null),
                Arguments.of("name", "x".repeat(256), OK_PERMISSIONS, null),
                Arguments.of("name", "tab\there", OK_PERMISSIONS, null),
                Arguments.of("permissions", "ok", null, null),
                Arguments.of("permissions", "ok", List.of("alertread"), null),
                Arguments.of("permissions", "ok", List.of("AlertRead", "AlertRead"), null),
                Arguments.of("permissions", "ok", List.of("Admin"), null),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, List.of("10.0.0.1")),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, List.of("10.1.0.0/8")),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, List.of("10.0.0.0/33")),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, List.of("banana")),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, List.of("10.0.0.0/8", "10.0.0.0/8")),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, Collections.singletonList(null)),
                Arguments.of("allowedCIDRBlocks", "ok", OK_PERMISSIONS, tooMany));
    }

    @ParameterizedTest(name = "{0}: name={1}, permissions={2}, blocks={3}")
    @MethodSource("badCommands")
    void a_bad_create_is_rejected_naming_the_field_and_changes_nothing(String field, String name, List<String> permissions, List<String> blocks) {
        int stored = f.tokens.size();
        int events = f.outbox.events().size();

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand(name, permissions, blocks, null)));

        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(field), e.getMessage());
        assertEquals(stored, f.tokens.size());
        assertEquals(events, f.outbox.events().size());
    }

    @ParameterizedTest(name = "{0}: name={1}, permissions={2}, blocks={3}")
    @MethodSource("badCommands")
    void a_bad_update_is_rejected_naming_the_field_and_changes_nothing(String field, String name, List<String> permissions, List<String> blocks) {
        String id = f.create("before", dev.keyward.domain.permission.Permission.AlertRead).token().id().toString();
        TokenView before = f.queries.get(f.admin, id);
        int events = f.outbox.events().size();

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.update(f.admin, id, new UpdateTokenCommand(name, permissions, blocks)));

        assertEquals(field, e.field());
        assertEquals(before, f.queries.get(f.admin, id));
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    void the_unknown_permission_is_named_in_the_message() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand("ok", List.of("AlertRead", "Superuser"), null, null)));

        assertTrue(e.getMessage().contains("'Superuser'"), e.getMessage());
    }

    @Test
    void the_bad_block_is_named_in_the_message() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand("ok", List.of(), List.of("192.168.1.1/24"), null)));

        assertTrue(e.getMessage().contains("'192.168.1.1/24'"), e.getMessage());
        assertTrue(e.getMessage().contains("192.168.1.0/24"), "suggests the network: " + e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "tomorrow", "2030-01-31", "2030-01-31T12:00:00", "2030-01-31 12:00:00Z", "2030-13-01T00:00:00Z",
            "2030-02-30T00:00:00Z", "2030-01-31T25:00:00Z", "1893456000", "2030-01-31T12:00:00+25:00", "2030-01-31T12:00:00Zjunk",
            "2030-01-31T12:00Z", "2030-01-31T12:00:00+0100", "2030-01-31T12:00:00.Z", "+2030-01-31T12:00:00Z"})
    void an_expiry_that_is_not_rfc_3339_is_rejected_naming_the_field(String expiresAt) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand("ok", List.of(), null, expiresAt)));

        assertEquals("expiresAt", e.field());
        assertTrue(e.getMessage().contains("RFC 3339"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"2026-11-02T10:00:00Z", "2026-11-02T09:59:59.999999999Z", "2020-01-01T00:00:00Z", "2026-11-02T11:00:00+02:00"})
    void an_expiry_now_or_in_the_past_is_rejected_naming_the_field(String expiresAt) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand("ok", List.of(), null, expiresAt)));

        assertEquals("expiresAt", e.field());
        assertTrue(e.getMessage().contains("future"), e.getMessage());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"})
    void an_expiry_beyond_the_year_9999_is_rejected_naming_the_field(String expiresAt) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> f.commands.create(f.admin, new CreateTokenCommand("ok", List.of(), null, expiresAt)));

        assertEquals("expiresAt", e.field());
    }

    @Test
    void an_expiry_late_in_the_year_9999_is_accepted() {
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"),
                f.create(new CreateTokenCommand("ok", List.of(), null, "9999-12-31T23:59:59Z")).token().expiresAt());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-11-02T10:00:00.000001Z, 2026-11-02T10:00:00.000001Z",
            "2026-11-02T10:00:00.0000019Z, 2026-11-02T10:00:00.000001Z",
            "2030-01-31T12:00:00Z, 2030-01-31T12:00:00Z",
            "2030-01-31T12:00:00.5Z, 2030-01-31T12:00:00.500Z",
            "2030-01-31T12:00:00+01:00, 2030-01-31T11:00:00Z",
            "2030-01-31T12:00:00-05:30, 2030-01-31T17:30:00Z",
            "2030-01-31t12:00:00z, 2030-01-31T12:00:00Z",
    })
    void a_future_rfc_3339_expiry_is_accepted_in_any_offset(String expiresAt, String instant) {
        TokenView token = f.create(new CreateTokenCommand("ok", List.of(), null, expiresAt)).token();

        assertEquals(Instant.parse(instant), token.expiresAt());
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void a_limit_outside_1_to_100_is_rejected_naming_the_field(int limit) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.queries.list(f.admin, null, limit));

        assertEquals("limit", e.field());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertTrue(e.getMessage().contains("100"), e.getMessage());
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 25, 100})
    void a_limit_from_1_to_100_is_accepted(int limit) {
        assertEquals(1, f.queries.list(f.admin, null, limit).results().size());
    }

    @ParameterizedTest(name = "cursor ''{0}''")
    @ValueSource(strings = {"", "garbage!", "%%%", "bm90LWEtdXVpZA", "self", "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b"})
    void a_cursor_this_api_did_not_hand_out_is_rejected_naming_the_field(String cursor) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.queries.list(f.admin, cursor, null));

        assertEquals("cursor", e.field());
        assertTrue(e.getMessage().contains("cursor"), e.getMessage());
    }

    @Test
    void a_cursor_encoding_an_upper_case_id_is_rejected() {
        String id = f.admin.tokenId().toString().toUpperCase();
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.US_ASCII));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.queries.list(f.admin, cursor, null));
        assertEquals("cursor", e.field());
    }
}
