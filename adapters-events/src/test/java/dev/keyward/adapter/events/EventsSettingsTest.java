package dev.keyward.adapter.events;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code keyward.events.*} settings: documented defaults when unset, refusals for values that cannot work. */
class EventsSettingsTest {

    @Test
    void unset_settings_take_the_documented_defaults() {
        EventsSettings settings = bind(Map.of());
        assertEquals("/keyward", settings.source());
        assertEquals("keyward.audit", settings.topic());
        assertTrue(settings.configuredFile().isEmpty(), "no file: the app puts it in the data directory");
        assertEquals(200, settings.batchSize());
        assertEquals(Duration.ofMillis(100), settings.pollInterval());
        assertEquals(Duration.ofSeconds(10), settings.ackTimeout());
        assertEquals(Duration.ofSeconds(10), settings.maxBackoff());
        assertEquals(Duration.ofDays(7), settings.retention());
        assertEquals(Duration.ofHours(1), settings.pruneInterval());
        assertEquals(Duration.ofSeconds(30), settings.kafka().deliveryTimeout());
    }

    @Test
    void configured_settings_are_bound_by_their_documented_names() {
        EventsSettings settings = bind(Map.of("keyward.events.poll-interval", "10ms", "keyward.events.batch-size", "50",
                "keyward.events.kafka.delivery-timeout", "2m"));
        assertEquals(Duration.ofMillis(10), settings.pollInterval());
        assertEquals(50, settings.batchSize());
        assertEquals(Duration.ofMinutes(2), settings.kafka().deliveryTimeout());
    }

    @Test
    void a_batch_size_of_zero_is_refused_with_the_setting_named() {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> settingsWith(0, Duration.ofSeconds(1)));
        assertTrue(refused.getMessage().contains("keyward.events.batch-size"), refused.getMessage());
    }

    @Test
    void a_negative_duration_is_refused_with_the_setting_named() {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> settingsWith(200, Duration.ofSeconds(-1)));
        assertTrue(refused.getMessage().contains("keyward.events.poll-interval"), refused.getMessage());
    }

    private static EventsSettings settingsWith(int batchSize, Duration pollInterval) {
        Duration second = Duration.ofSeconds(1);
        return new EventsSettings("/keyward", "keyward.audit", null, batchSize, pollInterval, second, second.multipliedBy(3), second, second, second,
                new EventsSettings.Kafka(second));
    }

    private static EventsSettings bind(Map<String, Object> properties) {
        Map<String, Object> withoutRelay = new java.util.HashMap<>(properties);
        withoutRelay.put("keyward.events.relay.enabled", "false"); // bind the settings only, relay nothing
        try (ApplicationContext context = ApplicationContext.run(withoutRelay)) {
            return context.getBean(EventsSettings.class);
        }
    }
}
