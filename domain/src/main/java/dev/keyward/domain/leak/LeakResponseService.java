package dev.keyward.domain.leak;

import dev.keyward.domain.check.AuthFailureMonitor;
import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.ConcurrentChangeException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.lifecycle.RetiredValues;
import dev.keyward.domain.lifecycle.TokenStore;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ActorType;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.Tokens;
import dev.keyward.domain.token.Transactions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Leak response: check the reporter's permission → check every item → for each value, in its own
 * transaction { a remembered leak, or a value rotated away, is already dead → find the live token it is
 * the current or (in a grace period) previous value of → delete it, remember the hash, append one
 * {@code leaked} event }. Deleting only takes reach away, so
 * any token with {@link Permission#OrganizationAPITokenModify} may report any value, even a mightier
 * token's. A value is never logged or stored: only its hash, and its first characters in the answer.
 */
public final class LeakResponseService implements LeakReports {

    static final int MAX_TEXT_LENGTH = 2048;
    static final int SHOWN_CHARACTERS = 8;

    private static final Permission MODIFY = Permission.OrganizationAPITokenModify;

    private final Tokens tokens;
    private final AuthFailureMonitor failures;
    private final TokenStore store;
    private final LeakedValues leaked;
    private final RetiredValues retired;
    private final Transactions transactions;
    private final SecretHasher hasher;
    private final Clock clock;

    public LeakResponseService(Tokens tokens, TokenStore store, LeakedValues leaked, RetiredValues retired,
                               Transactions transactions, SecretHasher hasher, AuthFailureMonitor failures, Clock clock) {
        this.tokens = tokens;
        this.failures = failures;
        this.store = store;
        this.leaked = leaked;
        this.retired = retired;
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public List<LeakResult> report(Caller caller, List<LeakReport> reports) {
        caller.permissions().require(MODIFY, "report leaked tokens");
        check(reports);
        // The report as a whole is authorised by the caller as it is now; an item may then revoke the caller itself.
        transactions.inWrite(() -> caller.rereadToWrite(tokens, clock.instant()))
                .permissions().require(MODIFY, "report leaked tokens");
        List<LeakResult> results = handleAll(reports, caller.actor(), caller.address());
        // "unknown" answers tell a guesser which values are not live: counted like failed checks, against the reporter.
        results.stream().filter(result -> result.outcome() == Outcome.UNKNOWN)
                .forEach(unknown -> failures.failed(caller.address(), caller.tokenId(), clock.instant()));
        return results;
    }

    @Override
    public List<LeakResult> reportByScanner(String scanner, IpAddress from, List<LeakReport> reports) {
        check(reports);
        return handleAll(reports, new Actor(scanner, ActorType.SYSTEM), from);
    }

    private List<LeakResult> handleAll(List<LeakReport> reports, Actor actor, IpAddress from) {
        List<LeakResult> results = new ArrayList<>(reports.size());
        for (LeakReport report : reports) {
            Outcome outcome = TokenValue.tryParse(report.token())
                    .map(value -> handle(hasher.hash(value), report, actor, from))
                    .orElse(Outcome.UNKNOWN);
            results.add(new LeakResult(shown(report.token()), outcome));
        }
        return List.copyOf(results);
    }

    /** A report racing another of the same value loses at most once; the retry then finds the leak remembered. */
    private Outcome handle(SecretHash hash, LeakReport report, Actor actor, IpAddress from) {
        try {
            return transactions.inWrite(() -> respond(hash, report, actor, from));
        } catch (ConcurrentChangeException e) {
            return transactions.inWrite(() -> respond(hash, report, actor, from));
        }
    }

    private Outcome respond(SecretHash hash, LeakReport report, Actor actor, IpAddress from) {
        if (leaked.contains(hash)) {
            return Outcome.ALREADY_DEAD;
        }
        Optional<ApiToken> found = tokens.findByHash(hash);
        if (found.isEmpty()) {
            return retired.find(hash).isPresent() ? Outcome.ALREADY_DEAD : Outcome.UNKNOWN;
        }
        Origin origin = new Origin(actor, from, clock.instant());
        ApiToken token = found.get();
        if (!token.acceptsCredential(hash, origin.at())) {
            // Expired, or a previous value whose grace period is over: it opens nothing any more.
            return Outcome.ALREADY_DEAD;
        }
        // A location or source is free text from the reporter: a value pasted into it must not reach the event.
        store.deleted(token, token.deleteAsLeaked(TokenValue.redact(report.location()), TokenValue.redact(report.source()), origin));
        leaked.add(hash, token.id(), origin.at());
        return Outcome.REVOKED;
    }

    private static void check(List<LeakReport> reports) {
        if (reports == null || reports.isEmpty()) {
            throw new InvalidInputException("body", "send a JSON array of 1 to " + MAX_ITEMS + " reported values");
        }
        if (reports.size() > MAX_ITEMS) {
            throw new InvalidInputException("body", "at most " + MAX_ITEMS + " values per report, got " + reports.size());
        }
        for (int i = 0; i < reports.size(); i++) {
            LeakReport report = reports.get(i);
            if (report == null || report.token() == null || report.token().isEmpty()) {
                throw new InvalidInputException("[" + i + "].token", "[" + i + "].token is required: the leaked value");
            }
            checkLength(i, "token", report.token());
            checkLength(i, "location", report.location());
            checkLength(i, "source", report.source());
        }
    }

    private static void checkLength(int index, String field, String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            String name = "[" + index + "]." + field;
            throw new InvalidInputException(name, name + " may be at most " + MAX_TEXT_LENGTH + " characters long");
        }
    }

    /** The first few characters and an ellipsis: tells items apart without repeating a secret. */
    static String shown(String value) {
        return value.substring(0, Math.min(SHOWN_CHARACTERS, value.length())) + "…";
    }
}
