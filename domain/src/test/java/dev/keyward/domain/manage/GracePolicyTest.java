package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GracePolicyTest {

    private final GracePolicy policy = new GracePolicy(Duration.ofHours(24));

    @Test
    void no_grace_asked_for_is_none() {
        assertEquals(Duration.ZERO, policy.parse("gracePeriodSeconds", null));
        assertEquals(Duration.ZERO, policy.parse("gracePeriodSeconds", 0L));
    }

    @Test
    void a_grace_up_to_the_cap_is_granted_in_seconds() {
        assertEquals(Duration.ofSeconds(1), policy.parse("gracePeriodSeconds", 1L));
        assertEquals(Duration.ofHours(24), policy.parse("gracePeriodSeconds", 86_400L));
    }

    @Test
    void a_grace_beyond_the_cap_is_refused_naming_the_field_and_the_setting() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.parse("gracePeriodSeconds", 86_401L));
        assertEquals("gracePeriodSeconds", e.field());
        assertTrue(e.getMessage().contains("86400") && e.getMessage().contains("keyward.tokens.max-rotation-grace"), e.getMessage());
    }

    @Test
    void a_negative_grace_is_refused_naming_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.parse("gracePeriodSeconds", -1L));
        assertEquals("gracePeriodSeconds", e.field());
    }

    @Test
    void a_zero_cap_allows_no_grace_at_all() {
        GracePolicy none = new GracePolicy(Duration.ZERO);
        assertEquals(Duration.ZERO, none.parse("gracePeriodSeconds", 0L));
        assertThrows(InvalidInputException.class, () -> none.parse("gracePeriodSeconds", 1L));
    }
}
