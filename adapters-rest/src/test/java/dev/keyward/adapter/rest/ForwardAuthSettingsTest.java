package dev.keyward.adapter.rest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardAuthSettingsTest {

    @Test
    void a_key_becomes_a_header_capitalised_at_each_dash() {
        assertEquals("X-Keyward-Meta-Plan", ForwardAuthSettings.headerFor("plan"));
        assertEquals("X-Keyward-Meta-Data-Region", ForwardAuthSettings.headerFor("data-REGION"));
        assertEquals(List.of(), new ForwardAuthSettings(null).metaHeaders());
    }

    @Test
    void a_key_that_cannot_name_a_header_or_names_one_twice_is_refused_at_start() {
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class, () -> new ForwardAuthSettings(List.of("my plan")));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> new ForwardAuthSettings(List.of("plan", "Plan")));

        assertTrue(space.getMessage().contains("'my plan'"), space.getMessage());
        assertTrue(twice.getMessage().contains("X-Keyward-Meta-Plan"), twice.getMessage());
    }
}
