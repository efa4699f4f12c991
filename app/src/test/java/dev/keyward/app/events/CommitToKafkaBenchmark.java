package dev.keyward.app.events;

import dev.keyward.adapter.events.TestKafka;
import dev.keyward.testkit.HttpApi.Reply;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures commit → event readable by a Kafka consumer over {@code keyward.benchmark.events} (default
 * 1,000) token creations through the REST API, and prints median, p99 and max. The commit time is taken
 * when the HTTP response arrives (the transaction has committed by then); the read time when a consumer
 * polling the topic first sees the event. Skipped unless {@code -Dkeyward.benchmark=true}:
 * <pre>./mvnw -B -o -pl app -am verify -Dtest=none -Dit.test=CommitToKafkaBenchmark -Dkeyward.benchmark=true
 *   [-Dkeyward.benchmark.poll-interval=100ms]</pre>
 */
@EnabledIfSystemProperty(named = "keyward.benchmark", matches = "true")
@MicronautTest(transactional = false)
class CommitToKafkaBenchmark extends KafkaEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(CommitToKafkaBenchmark.class);

    /** A measurement for whoever reads the build log. */
    private static void report(String format, Object... args) {
        LOG.info(String.format(format, args).strip());
    }

    static final int EVENTS = Integer.getInteger("keyward.benchmark.events", 1000);


    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("keyward.events.poll-interval", System.getProperty("keyward.benchmark.poll-interval", "100ms"));
        return properties;
    }

    @Test
    void commit_to_readable_latency() throws Exception {
        Map<String, Long> readAt = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> {
            JsonFormat format = new JsonFormat();
            try (KafkaConsumer<String, byte[]> kafkaConsumer = TestKafka.consumer(kafka.bootstrapServers())) {
                kafkaConsumer.subscribe(List.of(topic));
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : kafkaConsumer.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        CloudEvent event = format.deserialize(record.value());
                        readAt.putIfAbsent(event.getSubject(), now);
                    }
                }
            }
        });
        consumer.start();
        // warm up: the JIT, the connection pools, the consumer's partition assignment
        for (int i = 0; i < 50; i++) {
            api.createReply(admin, "warmup-" + i, List.of("RuleRead"), null);
        }
        Thread.sleep(3000);

        Map<String, Long> committedAt = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            Reply reply = api.createReply(admin, "bench-" + i, List.of("RuleRead"), null);
            committedAt.put(reply.string("id"), System.nanoTime());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!readAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        reading.set(false);
        consumer.join();

        List<Long> micros = new ArrayList<>();
        committedAt.forEach((id, at) -> {
            Long read = readAt.get(id);
            if (read != null) {
                micros.add(Math.max(0, (read - at) / 1000));
            }
        });
        assertEquals(EVENTS, micros.size(), "every event was read");
        micros.sort(Long::compare);
        report("BENCHMARK commit->readable over %d events (poll interval %s): median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                micros.size(), System.getProperty("keyward.benchmark.poll-interval", "100ms"),
                micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
    }
}
