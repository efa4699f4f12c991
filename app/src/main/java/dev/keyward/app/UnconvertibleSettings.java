package dev.keyward.app;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.time.Duration;
import java.util.Set;

/**
 * Refuses the start when a {@code keyward.*} setting is present but cannot be read as its type (e.g.
 * {@code KEYWARD_EVENTS_POLL_INTERVAL=abc}). Micronaut binds such a value as if it were absent — the
 * record's default — and says nothing (micronaut-core#4762), so an operator's typo would silently
 * not apply. Covers every settings record, the adapters' too, by reading their constructors.
 */
@Context
final class UnconvertibleSettings {

    private static final Set<Class<?>> CONVERTED = Set.of(Duration.class, int.class, Integer.class, long.class, Long.class);

    UnconvertibleSettings(BeanContext beans, Environment environment) {
        for (BeanDefinition<?> settings : beans.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationReader.class))) {
            String prefix = settings.stringValue(ConfigurationReader.class, ConfigurationReader.PREFIX).orElse("");
            if (!prefix.equals("keyward") && !prefix.startsWith("keyward.")) {
                continue;
            }
            for (Argument<?> component : settings.getConstructor().getArguments()) {
                if (!CONVERTED.contains(component.getType())) {
                    continue;
                }
                String name = prefix + "." + NameUtils.hyphenate(component.getName());
                environment.getProperty(name, String.class)
                        .filter(raw -> environment.convert(raw, component.getType()).isEmpty())
                        .ifPresent(raw -> {
                            throw new StartupRefusedException(name + " must be " + kind(component.getType())
                                    + ", was '" + raw + "'");
                        });
            }
        }
    }

    private static String kind(Class<?> type) {
        return type == Duration.class ? "a duration such as 100ms, 10s, 1h or 7d" : "a whole number";
    }
}
