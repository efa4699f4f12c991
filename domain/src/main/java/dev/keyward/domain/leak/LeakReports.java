package dev.keyward.domain.leak;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.network.IpAddress;

import java.util.List;

/**
 * Leaked token values, reported by a person, a playbook or a secret scanner: each value that is a live
 * token's current value deletes that token at once, with one {@code leaked} audit event.
 */
public interface LeakReports {

    /** At most this many values per report. */
    int MAX_ITEMS = 1_000;

    /** One reported value; {@code location} and {@code source} may be null. */
    record LeakReport(String token, String location, String source) {

        @Override
        public String toString() {
            return "LeakReport[location=" + location + ", source=" + source + "]";
        }
    }

    /** What a report did to one value. */
    enum Outcome { REVOKED, ALREADY_DEAD, UNKNOWN }

    /** @param token the value's first characters only, e.g. {@code kw_Ab3x9…}: enough to tell items apart */
    record LeakResult(String token, Outcome outcome) {
    }

    /** A report by an authenticated token, which needs {@code OrganizationAPITokenModify}. */
    List<LeakResult> report(Caller caller, List<LeakReport> reports);

    /**
     * A report by a secret-scanning partner the adapter has already verified (e.g. by GitHub's signature).
     *
     * @param scanner the partner's name, the actor of the events
     * @param from    the partner's address, or null if unknown
     */
    List<LeakResult> reportByScanner(String scanner, IpAddress from, List<LeakReport> reports);
}
