package dev.keyward.app.events;

import dev.keyward.adapter.events.TestKafka;
import dev.keyward.app.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;

import java.util.Locale;
import java.util.Map;

/**
 * The whole service on the real database ({@link EndToEndTest}) publishing its audit events to a real
 * Kafka broker (KRaft) started for the class, on a topic of its own. Subclasses carry
 * {@code @MicronautTest(transactional = false)}.
 */
abstract class KafkaEndToEndTest extends EndToEndTest {

    protected final TestKafka kafka = TestKafka.start();
    protected final String topic = TestKafka.uniqueTopic("keyward.audit." + getClass().getSimpleName().toLowerCase(Locale.ROOT));

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        properties.put("keyward.events.topic", topic);
        return properties;
    }

    @AfterAll
    void stopKafka() throws Exception {
        kafka.close();
    }
}
