package dev.keyward.app;

/** Configuration Keyward will not run with; the message tells the operator what to change. */
public final class StartupRefusedException extends RuntimeException {

    public StartupRefusedException(String message) {
        super(message);
    }
}
