package dev.keyward.adapter.events;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Whether a Kafka broker is configured: a non-blank {@code kafka.bootstrap.servers}, which Micronaut
 * also reads from the environment variable {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class KafkaConfigured implements Condition {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty(BOOTSTRAP_SERVERS, String.class).filter(s -> !s.isBlank()).isPresent();
    }

    /** The opposite: no broker, so events go to the JSON-lines file. */
    public static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !new KafkaConfigured().matches(context);
        }
    }
}
