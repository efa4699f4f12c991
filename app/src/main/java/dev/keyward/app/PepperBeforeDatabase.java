package dev.keyward.app;

import dev.keyward.domain.token.SecretHasher;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.jdbc.BasicJdbcConfiguration;
import jakarta.inject.Singleton;

/**
 * Resolves the pepper before a connection pool is built from its configuration: a missing or short
 * pepper then refuses the start before any connection attempt, instead of being hidden behind an
 * unreachable database's error or arriving after Flyway has already migrated a shared schema.
 */
@Singleton
final class PepperBeforeDatabase implements BeanCreatedEventListener<BasicJdbcConfiguration> {

    PepperBeforeDatabase(SecretHasher resolvedFirst) {
        // Nothing to keep: being created needs the hasher, and creating the hasher is the pepper check.
    }

    @Override
    public BasicJdbcConfiguration onCreated(BeanCreatedEvent<BasicJdbcConfiguration> event) {
        return event.getBean();
    }
}
