package dev.keyward.app;

import io.micronaut.runtime.Micronaut;

/** Starts Keyward; a refused start (bad configuration) ends with a one-line reason and exit code 2. */
public final class Keyward {

    private Keyward() {
    }

    public static void main(String[] args) {
        try {
            Micronaut.build(args).mainClass(Keyward.class).banner(false).start();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StartupRefusedException refused) {
                    System.err.println("keyward: refusing to start: " + refused.getMessage());
                    System.exit(2);
                }
            }
            throw e;
        }
    }
}
