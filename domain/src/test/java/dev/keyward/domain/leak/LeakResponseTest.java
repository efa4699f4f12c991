package dev.keyward.domain.leak;

import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.LifecycleFixture;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.leak.LeakReports.LeakReport;
import dev.keyward.domain.leak.LeakReports.LeakResult;
import dev.keyward.domain.leak.LeakReports.Outcome;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.TokenEvent;
import dev.keyward.domain.token.TokenLeaked;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LeakResponseTest {

    private final LifecycleFixture f = new LifecycleFixture();

    private List<TokenLeaked> leakedEvents() {
        return f.outbox.events().stream().filter(TokenLeaked.class::isInstance).map(TokenLeaked.class::cast).toList();
    }

    private static LeakReport found(TokenValue value) {
        return new LeakReport(value.reveal(), "https://example.com/repo/blob/main/.env", "trufflehog");
    }

    @Test
    void a_reported_live_value_deletes_its_token_with_one_leaked_event_carrying_location_and_source() {
        TokenWithValue ci = f.create("ci", null, Permission.RuleRead);
        List<LeakResult> results = f.leaks.report(f.admin, List.of(found(ci.value())));
        assertEquals(List.of(new LeakResult(ci.value().reveal().substring(0, 8) + "…", Outcome.REVOKED)), results);
        assertEquals(Optional.empty(), f.tokens.findById(ci.token().id()));
        assertEquals(Optional.empty(), f.calendar.nextOf(ci.token().id()));
        assertThrows(UnauthenticatedException.class, () -> f.authenticate(ci.value()));
        TokenLeaked event = leakedEvents().get(0);
        assertEquals(List.of(ci.token().id()), leakedEvents().stream().map(e -> e.token().id()).toList());
        assertEquals("https://example.com/repo/blob/main/.env", event.location());
        assertEquals("trufflehog", event.source());
        assertEquals(f.admin.actor(), event.origin().actor());
    }

    @Test
    void a_value_pasted_into_location_or_source_never_reaches_the_event() {
        TokenWithValue ci = f.create("ci", null, Permission.RuleRead);
        TokenWithValue other = f.create("other", null, Permission.RuleRead);
        String pasted = "https://gist.example/raw?key=" + other.value().reveal() + "&also=" + ci.value().reveal().substring(0, 12);

        f.leaks.report(f.admin, List.of(new LeakReport(ci.value().reveal(), pasted, "scan of " + ci.value().reveal())));

        TokenLeaked event = leakedEvents().get(0);
        assertEquals("https://gist.example/raw?key=kw_[redacted]&also=kw_[redacted]", event.location());
        assertEquals("scan of kw_[redacted]", event.source());
        for (TokenValue value : List.of(ci.value(), other.value())) {
            assertFalse(event.toString().contains(value.reveal().substring(3, 12)), "no part of a value in " + event);
        }
    }

    @Test
    void unknown_values_in_a_report_count_as_failed_checks_of_the_reporter() {
        List<LeakReport> guesses = new java.util.ArrayList<>();
        for (int i = 0; i <= dev.keyward.domain.fake.InMemoryDomain.AUTH_FAILURE_THRESHOLD; i++) {
            guesses.add(new LeakReport(TokenValue.generate(new java.util.SplittableRandom(500 + i)).reveal(), null, null));
        }

        f.leaks.report(f.admin, guesses);

        List<dev.keyward.domain.token.AuthFailuresObserved> observed = f.outbox.observations();
        assertEquals(1, observed.size(), "a guessing report is seen like a key-guessing flood");
        assertEquals(f.admin.tokenId(), observed.get(0).askedBy());
        assertEquals(f.admin.address(), observed.get(0).clientAddress());
    }

    @Test
    void a_value_of_a_token_already_deleted_is_already_dead_not_unknown() {
        TokenWithValue deleted = f.create("deleted-normally", null, Permission.RuleRead);
        f.commands.delete(f.admin, deleted.token().id().toString());
        TokenWithValue overlapping = f.create("overlapping", null, Permission.RuleRead);
        TokenWithValue current = f.commands.rotate(f.admin, overlapping.token().id().toString(), 3600L);

        List<Outcome> outcomes = f.leaks.report(f.admin, List.of(found(deleted.value()), found(overlapping.value()),
                found(current.value()))).stream().map(LeakResult::outcome).toList();

        assertEquals(List.of(Outcome.ALREADY_DEAD, Outcome.REVOKED, Outcome.ALREADY_DEAD), outcomes,
                "deleted normally; the previous value revokes the token; its current value then died with it");
        assertEquals(1, leakedEvents().size());
    }

    @Test
    void reporting_the_same_value_again_is_already_dead_and_makes_no_second_event() {
        TokenWithValue ci = f.create("ci", null);
        f.leaks.report(f.admin, List.of(found(ci.value())));
        List<TokenEvent> before = f.outbox.events();
        assertEquals(Outcome.ALREADY_DEAD, f.leaks.report(f.admin, List.of(found(ci.value()))).get(0).outcome());
        assertEquals(Outcome.ALREADY_DEAD, f.leaks.report(f.admin, List.of(found(ci.value()), found(ci.value()))).get(1).outcome());
        assertEquals(before, f.outbox.events());
    }

    @Test
    void the_same_value_twice_in_one_report_revokes_once() {
        TokenWithValue ci = f.create("ci", null);
        assertEquals(List.of(Outcome.REVOKED, Outcome.ALREADY_DEAD),
                f.leaks.report(f.admin, List.of(found(ci.value()), found(ci.value()))).stream().map(LeakResult::outcome).toList());
        assertEquals(1, leakedEvents().size());
    }

    @Test
    void a_malformed_value_or_one_that_matches_no_token_is_unknown() {
        TokenValue stranger = TokenValue.generate(ServiceFixture.seededSecureRandom(99));
        List<LeakResult> results = f.leaks.report(f.admin, List.of(new LeakReport("kw_short", null, null),
                new LeakReport("password123", null, null), new LeakReport(stranger.reveal(), null, null)));
        assertEquals(List.of(Outcome.UNKNOWN, Outcome.UNKNOWN, Outcome.UNKNOWN), results.stream().map(LeakResult::outcome).toList());
        assertEquals("kw_short…", results.get(0).token());
        assertEquals(List.of(), leakedEvents());
    }

    @Test
    void an_expired_token_is_already_dead_and_not_deleted() {
        TokenWithValue brief = f.create("brief", LifecycleFixture.T0.plus(Duration.ofHours(1)).toString());
        f.clock.advance(Duration.ofHours(2));
        assertEquals(Outcome.ALREADY_DEAD, f.leaks.reportByScanner("github", null, List.of(found(brief.value()))).get(0).outcome());
        assertEquals(List.of(), leakedEvents());
    }

    @Test
    void a_scanner_report_is_made_by_the_scanner_as_a_system_actor() {
        TokenWithValue ci = f.create("ci", null);
        f.leaks.reportByScanner("github-secret-scanning", null, List.of(found(ci.value())));
        assertEquals(ActorType.SYSTEM, leakedEvents().get(0).origin().actor().type());
        assertEquals("github-secret-scanning", leakedEvents().get(0).origin().actor().id());
    }

    @Test
    void reporting_needs_the_modify_permission() {
        TokenWithValue reader = f.create("reader", null, Permission.OrganizationAPITokenRead);
        TokenWithValue victim = f.create("victim", null);
        assertThrows(ForbiddenException.class, () -> f.leaks.report(f.authenticate(reader.value()), List.of(found(victim.value()))));
        assertFalse(f.tokens.findById(victim.token().id()).isEmpty());
    }

    @Test
    void a_reporter_deleted_after_it_authenticated_may_not_report() {
        TokenWithValue reporter = f.create("reporter", null, Permission.OrganizationAPITokenModify);
        TokenWithValue victim = f.create("victim", null);
        var caller = f.authenticate(reporter.value());
        f.commands.delete(f.admin, reporter.token().id().toString());
        assertThrows(UnauthenticatedException.class, () -> f.leaks.report(caller, List.of(found(victim.value()))));
        assertFalse(f.tokens.findById(victim.token().id()).isEmpty());
    }

    @Test
    void a_report_of_more_than_a_thousand_values_is_refused() {
        List<LeakReport> many = Collections.nCopies(1001, new LeakReport("kw_x", null, null));
        assertEquals("body", assertThrows(InvalidInputException.class, () -> f.leaks.report(f.admin, many)).field());
    }

    @Test
    void an_item_without_a_value_is_refused_naming_its_index() {
        TokenWithValue ci = f.create("ci", null);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> f.leaks.report(f.admin,
                List.of(found(ci.value()), new LeakReport(null, "x", "y"))));
        assertEquals("[1].token", refused.field());
        assertFalse(f.tokens.findById(ci.token().id()).isEmpty(), "nothing is revoked when the report is refused");
    }
}
