package dev.keyward.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The command line of the same jar: {@code check-connection}, {@code tokens list|create|rotate|delete},
 * {@code owners list|get|create|update|delete},
 * {@code leaks report} and {@code verify}, talking HTTP to a running Keyward (no Micronaut context, so it
 * starts in a fraction of a second). The key comes from {@code KEYWARD_API_TOKEN} or a prompt with echo
 * off, never from an argument, which {@code ps} and shell histories would show. Exit status: 0 done, 1 refused or unreachable (one line on
 * standard error), 2 usage error, 3 {@code verify}: the key is not valid.
 */
@Command(name = "keyward", mixinStandardHelpOptions = true, versionProvider = KeywardCli.Version.class,
        description = "Run without arguments to serve Keyward. With a command, talk to a running Keyward.",
        subcommands = {CheckConnectionCommand.class, TokensCommand.class, OwnersCommand.class, LeaksCommand.class,
                VerifyCommand.class},
        exitCodeOnExecutionException = KeywardCli.FAILED)
public final class KeywardCli {

    static final int FAILED = 1;
    static final String TOKEN_VARIABLE = "KEYWARD_API_TOKEN";
    static final String HOST_VARIABLE = "KEYWARD_API_HOST";
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final Supplier<Console> console;

    KeywardCli(Map<String, String> environment, Supplier<Console> console) {
        this.environment = environment;
        this.console = console;
    }

    /** The options every command takes. */
    static final class Connection {
        @Option(names = "--api-host", paramLabel = "URL",
                description = "Keyward's base URL (default: $" + HOST_VARIABLE + ", else http://127.0.0.1:8080)")
        String apiHost;
    }

    /** Whether {@code args} ask for the CLI rather than the server, which takes only {@code -option=value} arguments. */
    public static boolean wanted(String[] args) {
        return args.length > 0 && (!args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0]));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment, Supplier<Console> console) {
        CommandLine line = new CommandLine(new KeywardCli(environment, console));
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            commandLine.getErr().println("keyward: " + failure.getMessage());
            commandLine.getErr().flush();
            return FAILED;
        });
        int status = line.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** The client for {@code connection}, with the key from the environment or the prompt. */
    ApiClient client(Connection connection) throws ApiClient.Failure {
        String host = connection.apiHost != null ? connection.apiHost
                : environment.getOrDefault(HOST_VARIABLE, "http://127.0.0.1:8080");
        return new ApiClient(host, key());
    }

    private String key() throws ApiClient.Failure {
        String key = environment.get(TOKEN_VARIABLE);
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        Console terminal = console.get();
        if (terminal == null) {
            throw new ApiClient.Failure("no API token: set " + TOKEN_VARIABLE + " (keys are never taken from arguments)");
        }
        char[] typed = terminal.readPassword("Keyward API token: ");
        if (typed == null || typed.length == 0) {
            throw new ApiClient.Failure("no API token given");
        }
        return new String(typed).strip();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The version from the jar's manifest, when run from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KeywardCli.class.getPackage().getImplementationVersion();
            return new String[] {"keyward " + (version == null ? "(development build)" : version)};
        }
    }

    /** The text of {@code file}, or of standard input for {@code -}. */
    static String read(String file) throws ApiClient.Failure {
        try {
            if ("-".equals(file)) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiClient.Failure("cannot read " + file + ": " + e.getMessage());
        }
    }
}
