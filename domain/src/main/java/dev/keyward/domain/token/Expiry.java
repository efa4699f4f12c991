package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a new token stops working: an instant with microsecond precision before the year 10000, or
 * never ({@code at} null, {@link #NEVER}).
 */
public record Expiry(Instant at) {

    public static final Expiry NEVER = new Expiry(null);

    /** RFC 3339 years have four digits; a later instant would not fit a SQL DATETIME either. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** RFC 3339 date-time: seconds required, optional fraction, Z or a numeric offset (ISO 8601 allows more). */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    public Expiry {
        if (at != null && at.isAfter(LATEST)) {
            throw new IllegalArgumentException("an expiry must be before the year 10000, not " + at);
        }
    }

    /**
     * Parses a client's RFC 3339 timestamp under {@code field}; null means never. It must lie after
     * {@code now}: a token born expired is a client bug.
     *
     * @throws InvalidInputException naming {@code field}
     */
    public static Expiry parse(String field, String text, Instant now) {
        if (text == null) {
            return NEVER;
        }
        String malformed = field + " must be an RFC 3339 timestamp such as 2030-01-31T12:00:00Z";
        if (!RFC_3339.matcher(text).matches()) {
            throw new InvalidInputException(field, malformed);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, malformed);
        }
        if (!at.isAfter(now)) {
            throw new InvalidInputException(field, field + " must be in the future");
        }
        if (at.isAfter(LATEST)) {
            throw new InvalidInputException(field, field + " must be before the year 10000");
        }
        return new Expiry(at);
    }

    /** The one rule of expiry, for the aggregate and the check alike: at {@code expiresAt} a token stops working (null: never). */
    public static boolean hasPassed(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean isNever() {
        return at == null;
    }
}
