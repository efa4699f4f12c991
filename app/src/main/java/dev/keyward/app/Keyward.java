package dev.keyward.app;

import dev.keyward.app.cli.KeywardCli;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.runtime.Micronaut;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Starts Keyward, or with a command ({@code check-connection}, {@code tokens ...}, {@code --help}) runs
 * the {@link KeywardCli command line} against a running one. A start refused for bad configuration ends with one line on standard error naming
 * what to change, and exit status 2 — not Micronaut's log of the bean path and stack trace, which
 * bury the reason; any other failure to start is left to Micronaut (logged, exit status 1).
 */
public final class Keyward {

    static final int REFUSED = 2;

    private Keyward() {
    }

    public static void main(String[] args) {
        if (KeywardCli.wanted(args)) {
            // A command for a running Keyward: no server, no Micronaut context.
            System.exit(KeywardCli.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    System.getenv(), System::console));
        }
        new Micronaut() {
            @Override
            protected void handleStartupException(Environment environment, Throwable failure) {
                // Before Micronaut logs the failure: a refusal is reported as its reason alone.
                Optional<String> refusal = refusal(failure);
                if (refusal.isEmpty()) {
                    super.handleStartupException(environment, failure);
                    return;
                }
                System.err.println("keyward: refusing to start: " + refusal.get());
                System.err.flush();
                System.exit(REFUSED);
            }
        }.args(args).mainClass(Keyward.class).banner(false).start();
    }

    /** The reason, on one line, if a configuration problem is somewhere in the causes (Micronaut wraps it in bean-creation exceptions). */
    static Optional<String> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException refused) {
                return Optional.of(firstLine(refused.getMessage()));
            }
            if (cause instanceof ConversionErrorException unconvertible) {
                return Optional.of("setting '" + unconvertible.getArgument().getName() + "' has a value of the wrong kind: "
                        + firstLine(unconvertible.getConversionError().getCause().getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end).strip();
    }
}
