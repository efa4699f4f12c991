package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @Test
    void no_timestamp_means_never() {
        assertTrue(Expiry.parse("expiresAt", null, NOW).isNever());
    }

    @Test
    void an_rfc_3339_timestamp_with_an_offset_becomes_an_instant_cut_to_microseconds() {
        assertEquals(Instant.parse("2030-01-31T10:00:00.123456Z"),
                Expiry.parse("expiresAt", "2030-01-31t12:00:00.1234567+02:00", NOW).at());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-01-31", "2030-01-31T12:00Z", "2030-01-31 12:00:00Z", "2030-02-30T12:00:00Z", "tomorrow"})
    void anything_but_rfc_3339_is_refused_with_an_example(String text) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Expiry.parse("expiresAt", text, NOW));

        assertEquals("expiresAt must be an RFC 3339 timestamp such as 2030-01-31T12:00:00Z", refused.getMessage());
    }

    @Test
    void the_past_the_present_and_the_year_10000_are_refused() {
        assertEquals("expiresAt must be in the future",
                assertThrows(InvalidInputException.class, () -> Expiry.parse("expiresAt", NOW.toString(), NOW)).getMessage());
        assertEquals("expiresAt must be before the year 10000",
                assertThrows(InvalidInputException.class, () -> Expiry.parse("expiresAt", "9999-12-31T23:59:59-01:00", NOW)).getMessage());
    }
}
