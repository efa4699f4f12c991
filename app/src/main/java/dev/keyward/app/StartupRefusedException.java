package dev.keyward.app;

import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Configuration Keyward will not run with; the message tells the operator what to change. A
 * {@link ConfigurationException}, like the adapters' own refusals of bad settings, so {@link Keyward}
 * reports them all the same way.
 */
public final class StartupRefusedException extends ConfigurationException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
