package dev.keyward.adapter.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A real Kafka broker for tests: the one at {@code KAFKA_BOOTSTRAP_SERVERS} when that is set, else a
 * single-node KRaft cluster inside this JVM ({@link KafkaClusterTestKit}). Plus a consumer helper.
 */
public final class TestKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private TestKafka(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    public static TestKafka start() {
        String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (configured != null && !configured.isBlank()) {
            return new TestKafka(null, configured);
        }
        // a one-broker cluster needs replication factor 1, or it never creates the consumer offsets topic
        return inProcess(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build(), 1, 1);
    }

    /**
     * A KRaft cluster of {@code brokers} brokers and one controller inside this JVM, as a production
     * cluster is set up for Keyward (README "Running several nodes"): every topic replicated to all
     * brokers, {@code min.insync.replicas=2}. For tests that stop a broker, hence never the external one.
     */
    public static TestKafka startCluster(int brokers) {
        return inProcess(new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(brokers).setNumControllerNodes(1).build(),
                brokers, 2);
    }

    private static TestKafka inProcess(TestKitNodes nodes, int replication, int minInSync) {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("default.replication.factor", String.valueOf(replication))
                    .setConfigProp("min.insync.replicas", String.valueOf(minInSync))
                    .setConfigProp("offsets.topic.replication.factor", String.valueOf(replication))
                    .setConfigProp("transaction.state.log.replication.factor", String.valueOf(replication))
                    .setConfigProp("transaction.state.log.min.isr", String.valueOf(minInSync))
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestKafka(cluster, cluster.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an in-process Kafka cluster of " + nodes.brokerNodes().size() + " broker(s)", e);
        }
    }

    /** The ids of this cluster's brokers (an in-process cluster only). */
    public List<Integer> brokerIds() {
        return List.copyOf(cluster.brokers().keySet());
    }

    /** Stops broker {@code id} as a crash would end its service: its partitions move to the others. */
    public void stopBroker(int id) {
        cluster.brokers().get(id).shutdown();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A topic name no other test uses, so a shared broker (KAFKA_BOOTSTRAP_SERVERS) needs no cleanup. */
    public static String uniqueTopic(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for everything read, or the timeout. */
    public static List<ConsumerRecord<String, byte[]>> consume(String bootstrapServers, String topic,
                                                               Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                               Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }
}
