package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.Expiry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifetimePolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");
    private final LifetimePolicy thirtyDays = new LifetimePolicy(Duration.ofDays(30));

    @Test
    void without_a_cap_a_token_may_never_expire() {
        assertEquals(Expiry.NEVER, LifetimePolicy.UNLIMITED.apply("expiresAt", Expiry.NEVER, NOW));
    }

    @Test
    void with_a_cap_a_token_asked_for_without_expiry_expires_at_the_cap() {
        assertEquals(new Expiry(NOW.plus(Duration.ofDays(30))), thirtyDays.apply("expiresAt", Expiry.NEVER, NOW));
    }

    @Test
    void an_expiry_within_the_cap_is_kept() {
        Expiry tomorrow = new Expiry(NOW.plus(Duration.ofDays(1)));
        assertEquals(tomorrow, thirtyDays.apply("expiresAt", tomorrow, NOW));
    }

    @Test
    void an_expiry_beyond_the_cap_is_refused_naming_the_field_and_the_limit() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> thirtyDays.apply("expiresAt", new Expiry(NOW.plus(Duration.ofDays(31))), NOW));
        assertEquals("expiresAt", refused.field());
        assertTrue(refused.getMessage().contains("PT720H") && refused.getMessage().contains("keyward.tokens.max-lifetime"),
                refused.getMessage());
    }

    @Test
    void a_cap_must_be_positive() {
        assertThrows(IllegalArgumentException.class, () -> new LifetimePolicy(Duration.ZERO));
    }
}
