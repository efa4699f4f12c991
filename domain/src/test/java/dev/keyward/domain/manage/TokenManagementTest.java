package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.DomainException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenDeleted;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenRotated;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static dev.keyward.domain.fake.ServiceFixture.ADMIN_ADDRESS;
import static dev.keyward.domain.fake.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenManagementTest {

    private final ServiceFixture f = new ServiceFixture();

    private TokenEvent lastEvent() {
        List<TokenEvent> events = f.outbox.events();
        return events.get(events.size() - 1);
    }

    @Test
    void creating_a_token_returns_a_working_value_and_records_who_created_it() {
        f.clock.advance(Duration.ofSeconds(7));

        TokenWithValue issued = f.create(new CreateTokenCommand("ci deploy", List.of("RuleRead", "AlertRead"), List.of("10.0.0.0/8"),
                "2027-01-01T00:00:00Z"));
        TokenView token = issued.token();

        assertEquals("ci deploy", token.name().value());
        assertEquals(List.of("AlertRead", "RuleRead"), token.permissions().names());
        assertEquals(List.of("10.0.0.0/8"), token.allowlist().texts());
        assertEquals(T0.plusSeconds(7), token.createdAt());
        assertEquals(f.admin.actor(), token.createdBy());
        assertEquals(ActorType.API_TOKEN, token.createdBy().type());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), token.expiresAt());
        assertNull(token.lastUsedAt());
        assertNull(token.rotatedAt());
        assertEquals(token, f.queries.get(f.admin, token.id().toString()));
        assertEquals(token.id(), f.authenticate(issued.value().reveal(), IpAddress.parse("10.1.1.1")).tokenId());

        TokenCreated event = assertInstanceOf(TokenCreated.class, lastEvent());
        assertEquals(token, event.token());
        assertEquals(f.admin.actor(), event.origin().actor());
        assertEquals(ADMIN_ADDRESS, event.origin().clientAddress());
        assertEquals(T0.plusSeconds(7), event.origin().at());
    }

    @Test
    void created_tokens_get_distinct_ids_and_values() {
        TokenWithValue a = f.create("a");
        TokenWithValue b = f.create("b");

        assertNotEquals(a.token().id(), b.token().id());
        assertNotEquals(a.value(), b.value());
        assertEquals(7, a.token().id().value().version());
    }

    @Test
    void self_and_the_own_id_both_read_the_callers_token() {
        Caller caller = f.callerWith(Permission.OrganizationAPITokenRead);

        assertEquals(caller.tokenId(), f.queries.get(caller, "self").id());
        assertEquals(caller.tokenId(), f.queries.get(caller, caller.tokenId().toString()).id());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "SELF", "Self", "not-an-id", "0190A5B2-7C3D-7E4F-8A1B-2C3D4E5F6A7B", "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b"})
    void an_unknown_or_malformed_id_is_not_found(String ref) {
        NotFoundException e = assertThrows(NotFoundException.class, () -> f.queries.get(f.admin, ref));

        assertTrue(e.getMessage().contains("'" + ref + "'"), "names the id asked for: " + e.getMessage());
    }

    @Test
    void a_token_value_sent_where_an_id_goes_is_not_echoed_back() {
        String value = f.create("t").value().reveal();

        for (String ref : List.of(value, value.substring(0, 20), value.toUpperCase(), "x".repeat(65))) {
            NotFoundException e = assertThrows(NotFoundException.class, () -> f.queries.get(f.admin, ref));
            assertFalse(e.getMessage().contains(ref), e.getMessage());
            assertThrows(NotFoundException.class, () -> f.commands.delete(f.admin, ref));
        }
    }

    @Test
    void updating_replaces_name_and_permissions_and_the_event_lists_exactly_what_changed() {
        TokenWithValue issued = f.create(new CreateTokenCommand("old", List.of("AlertRead"), List.of("10.0.0.0/8"), null));
        String id = issued.token().id().toString();
        f.clock.advance(Duration.ofMinutes(1));

        TokenView updated = f.commands.update(f.admin, id, new UpdateTokenCommand("new", List.of("AlertRead", "RuleRead"), null));

        assertEquals("new", updated.name().value());
        assertEquals(List.of("AlertRead", "RuleRead"), updated.permissions().names());
        assertEquals(List.of("10.0.0.0/8"), updated.allowlist().texts(), "a missing allowlist keeps the current one");
        assertEquals(T0.plus(Duration.ofMinutes(1)), updated.updatedAt());
        assertEquals(f.admin.actor(), updated.updatedBy());
        assertEquals(issued.token().createdAt(), updated.createdAt());
        assertEquals(updated, f.queries.get(f.admin, id));

        TokenUpdated event = assertInstanceOf(TokenUpdated.class, lastEvent());
        assertEquals(List.of(
                new FieldChange("name", "old", "new"),
                new FieldChange("permissions", List.of("AlertRead"), List.of("AlertRead", "RuleRead"))), event.changes());
        assertEquals(updated, event.token());
    }

    @Test
    void updating_with_an_empty_allowlist_clears_it_and_says_so() {
        String id = f.create(new CreateTokenCommand("t", List.of(), List.of("10.0.0.0/8", "::1/128"), null)).token().id().toString();

        TokenView updated = f.commands.update(f.admin, id, new UpdateTokenCommand("t", List.of(), List.of()));

        assertEquals(List.of(), updated.allowlist().texts());
        TokenUpdated event = assertInstanceOf(TokenUpdated.class, lastEvent());
        assertEquals(List.of(new FieldChange("allowedCIDRBlocks", List.of("10.0.0.0/8", "::1/128"), List.of())), event.changes());
    }

    @Test
    void updating_with_a_new_allowlist_replaces_it_and_takes_effect_at_once() {
        TokenWithValue issued = f.create("t");
        String id = issued.token().id().toString();

        f.commands.update(f.admin, id, new UpdateTokenCommand("t", List.of(), List.of("2001:db8::/32")));

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value().reveal(), ADMIN_ADDRESS));
        assertEquals(issued.token().id(), f.authenticate(issued.value().reveal(), IpAddress.parse("2001:db8::1")).tokenId());
    }

    @Test
    void an_update_that_changes_nothing_records_an_event_with_no_changes() {
        String id = f.create("same", Permission.AlertRead).token().id().toString();
        int events = f.outbox.events().size();

        f.commands.update(f.admin, id, new UpdateTokenCommand("same", List.of("AlertRead"), null));

        assertEquals(events + 1, f.outbox.events().size());
        assertEquals(List.of(), assertInstanceOf(TokenUpdated.class, lastEvent()).changes());
    }

    @Test
    void rotating_a_token_invalidates_the_old_value_at_once() {
        TokenWithValue issued = f.create("t", Permission.AlertRead);
        String id = issued.token().id().toString();
        f.clock.advance(Duration.ofHours(1));

        TokenWithValue rotated = f.rotate(f.admin, id);

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value().reveal(), ADMIN_ADDRESS));
        assertEquals(issued.token().id(), f.authenticate(rotated.value().reveal(), ADMIN_ADDRESS).tokenId());
        assertEquals(T0.plus(Duration.ofHours(1)), rotated.token().rotatedAt());
        assertEquals(issued.token().name(), rotated.token().name());
        assertEquals(issued.token().permissions(), rotated.token().permissions());
        TokenRotated event = assertInstanceOf(TokenRotated.class, lastEvent());
        assertEquals(rotated.token(), event.token());
    }

    @Test
    void a_token_that_rotated_itself_keeps_working_only_with_the_new_value() {
        TokenWithValue issued = f.create("self-rotating");
        Caller caller = f.authenticate(issued.value());

        TokenWithValue first = f.rotate(caller, "self");
        TokenWithValue second = f.rotate(f.authenticate(first.value()), "self");

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value()));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(first.value()));
        assertEquals(issued.token().id(), f.authenticate(second.value()).tokenId());
        assertEquals(issued.token().id().toString(), lastEvent().origin().actor().id());
    }

    @Test
    void deletion_is_final() {
        TokenWithValue issued = f.create("doomed");
        String id = issued.token().id().toString();

        f.commands.delete(f.admin, id);

        assertInstanceOf(TokenDeleted.class, lastEvent());
        assertEquals(issued.token().id(), lastEvent().token().id());
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value()));
        assertThrows(NotFoundException.class, () -> f.queries.get(f.admin, id));
        assertThrows(NotFoundException.class, () -> f.commands.rotate(f.admin, id));
        assertThrows(NotFoundException.class, () -> f.commands.update(f.admin, id, new UpdateTokenCommand("back", List.of(), null)));
        assertThrows(NotFoundException.class, () -> f.commands.delete(f.admin, id));
        assertTrue(f.queries.list(f.admin, null, 100).results().stream().noneMatch(t -> t.id().equals(issued.token().id())));
    }

    @Test
    void a_token_may_delete_itself_and_is_refused_from_then_on() {
        TokenWithValue issued = f.create("t", Permission.OrganizationAPITokenModify);
        Caller caller = f.authenticate(issued.value());

        f.commands.delete(caller, "self");

        assertThrows(UnauthenticatedException.class, () -> f.authenticate(issued.value()));
    }

    @Test
    void pages_walk_every_token_once_in_creation_order_and_the_last_page_has_no_next() {
        List<TokenId> expected = new ArrayList<>(List.of(f.admin.tokenId()));
        for (int i = 0; i < 7; i++) {
            f.clock.advance(Duration.ofMillis(1));
            expected.add(f.create("t" + i).token().id());
        }

        List<TokenId> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            TokenPage page = f.queries.list(f.admin, cursor, 3);
            page.results().forEach(t -> seen.add(t.id()));
            sizes.add(page.results().size());
            cursor = page.next().orElse(null);
        } while (cursor != null);

        assertEquals(expected, seen);
        assertEquals(List.of(3, 3, 2), sizes);
    }

    @Test
    void when_the_tokens_fill_the_last_page_exactly_it_has_no_next() {
        for (int i = 0; i < 5; i++) {
            f.create("t" + i);
        }

        TokenPage first = f.queries.list(f.admin, null, 3);
        TokenPage second = f.queries.list(f.admin, first.next().orElseThrow(), 3);

        assertEquals(3, second.results().size());
        assertEquals(Optional.empty(), second.next());
        assertEquals(Optional.empty(), f.queries.list(f.admin, null, 6).next());
        assertTrue(f.queries.list(f.admin, null, 5).next().isPresent());
    }

    @Test
    void the_default_page_holds_25_tokens() {
        for (int i = 0; i < 29; i++) {
            f.create("t" + i);
        }

        TokenPage first = f.queries.list(f.admin, null, null);
        TokenPage rest = f.queries.list(f.admin, first.next().orElseThrow(), null);

        assertEquals(25, first.results().size());
        assertEquals(5, rest.results().size());
        assertTrue(rest.next().isEmpty());
    }

    @Test
    void a_cursor_stays_valid_when_the_token_it_points_at_is_deleted() {
        List<TokenId> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            f.clock.advance(Duration.ofMillis(1));
            ids.add(f.create("t" + i).token().id());
        }
        TokenPage first = f.queries.list(f.admin, null, 2); // admin, ids[0]
        f.commands.delete(f.admin, ids.get(0).toString());

        TokenPage second = f.queries.list(f.admin, first.next().orElseThrow(), 2);

        assertEquals(List.of(ids.get(1), ids.get(2)), second.results().stream().map(TokenView::id).toList());
    }

    @Test
    void exactly_one_audit_event_per_successful_change_and_none_for_failed_ones() {
        Caller weak = f.callerWith(Permission.OrganizationAPITokenRead);
        List<Class<? extends TokenEvent>> expected = new ArrayList<>(f.outbox.events().stream().map(TokenEvent::getClass).toList());
        String id = f.create("audited").token().id().toString();
        expected.add(TokenCreated.class);

        f.commands.update(f.admin, id, new UpdateTokenCommand("renamed", List.of(), null));
        expected.add(TokenUpdated.class);
        f.rotate(f.admin, id);
        expected.add(TokenRotated.class);
        attempt(() -> f.commands.update(weak, id, new UpdateTokenCommand("x", List.of(), null)));
        attempt(() -> f.commands.update(f.admin, id, new UpdateTokenCommand("", List.of(), null)));
        attempt(() -> f.commands.rotate(weak, id));
        attempt(() -> f.commands.delete(weak, id));
        attempt(() -> f.commands.create(f.admin, new CreateTokenCommand("x", List.of("nope"), null, null)));
        attempt(() -> f.queries.get(f.admin, "missing"));
        attempt(() -> f.queries.list(f.admin, null, 0));
        attempt(() -> f.authenticate("kw_nope", ADMIN_ADDRESS));
        f.queries.get(f.admin, id);
        f.queries.list(f.admin, null, null);
        f.commands.delete(f.admin, id);
        expected.add(TokenDeleted.class);
        attempt(() -> f.commands.delete(f.admin, id));

        assertEquals(expected, f.outbox.events().stream().map(TokenEvent::getClass).toList());
    }

    @Test
    void no_event_or_error_message_ever_contains_a_token_value() {
        List<String> messages = new ArrayList<>();
        TokenWithValue issued = f.create(new CreateTokenCommand("leaky?", List.of("AlertRead"), List.of("10.0.0.0/8"), null));
        String id = issued.token().id().toString();
        TokenWithValue rotated = f.rotate(f.admin, id);
        f.commands.update(f.admin, id, new UpdateTokenCommand("renamed", List.of(), List.of()));
        Caller self = f.authenticate(rotated.value());
        f.rotate(self, "self");
        for (TokenValue value : List.copyOf(f.valuesHandedOut)) {
            String text = value.reveal();
            messages.add(attempt(() -> f.authenticate(text, ADMIN_ADDRESS)));
            messages.add(attempt(() -> f.authenticate(text.substring(0, 38), ADMIN_ADDRESS)));
            messages.add(attempt(() -> f.authenticate(text, IpAddress.parse("203.0.113.1"))));
            messages.add(attempt(() -> f.queries.get(f.admin, text)));
            messages.add(attempt(() -> f.queries.list(f.admin, text, null)));
            messages.add(attempt(() -> f.commands.rotate(f.admin, text)));
            messages.add(attempt(() -> f.commands.update(f.admin, text, new UpdateTokenCommand("x", List.of(), null))));
            messages.add(attempt(() -> f.commands.create(f.admin, new CreateTokenCommand("x", List.of(), null, text))));
        }
        f.commands.delete(f.admin, id);

        List<String> events = f.outbox.events().stream().map(Object::toString).toList();
        for (TokenValue value : f.valuesHandedOut) {
            String secret = value.reveal().substring(3, 33);
            for (String event : events) {
                assertFalse(event.contains(secret), event);
            }
            for (String message : messages) {
                assertFalse(message != null && message.contains(secret), message);
            }
        }
        assertTrue(f.valuesHandedOut.size() >= 4);
    }

    /** Runs a call expected to fail with a domain error and returns its message (and reason, if any). */
    private static String attempt(Runnable call) {
        try {
            call.run();
            return null;
        } catch (UnauthenticatedException e) {
            return e.getMessage() + " / " + e.reason();
        } catch (DomainException e) {
            return e.getMessage();
        }
    }
}
