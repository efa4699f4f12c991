package dev.keyward.domain.token;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.PermissionSet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final TokenView VIEW = new TokenView(TokenId.newId(T0, new SplittableRandom(1)), new TokenName("t"),
            PermissionSet.of(), IpAllowlist.anyAddress(), T0, Actor.BOOTSTRAP, null, null, null, null, null, null, null, true, TokenMeta.EMPTY, null);
    private static final Origin ORIGIN = new Origin(new Actor("u", ActorType.USER), IpAddress.parse("::1"), T0);

    @Test
    void the_event_family_is_closed_to_the_kinds_the_audit_trail_knows() {
        List<String> kinds = Arrays.stream(TokenEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).sorted().toList();

        assertEquals(List.of("TokenCreated", "TokenDeleted", "TokenExpired", "TokenExpiring", "TokenLeaked", "TokenReused", "TokenRotated",
                "TokenRotationDue", "TokenUpdated"), kinds);
    }

    @Test
    void an_updated_event_keeps_its_own_copy_of_the_changes() {
        List<FieldChange> changes = new ArrayList<>(List.of(new FieldChange("name", "a", "b")));
        TokenUpdated event = new TokenUpdated(VIEW, ORIGIN, changes);
        changes.add(new FieldChange("permissions", List.of(), List.of("AlertRead")));

        assertEquals(List.of(new FieldChange("name", "a", "b")), event.changes());
        assertThrows(UnsupportedOperationException.class, () -> event.changes().clear());
    }

    @Test
    void every_event_exposes_the_token_and_the_origin_it_was_made_with() {
        List<TokenEvent> events = List.of(new TokenCreated(VIEW, ORIGIN), new TokenUpdated(VIEW, ORIGIN, List.of()),
                new TokenRotated(VIEW, ORIGIN), new TokenDeleted(VIEW, ORIGIN));

        for (TokenEvent event : events) {
            assertEquals(VIEW, event.token());
            assertEquals(ORIGIN, event.origin());
        }
    }
}
