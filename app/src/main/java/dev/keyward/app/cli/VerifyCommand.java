package dev.keyward.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code verify --key-file FILE [--require …] [--client-address IP]}: asks {@code POST /api-tokens/verify}
 * whether a key is good, as a service would. The key to check is read from a file or standard input,
 * never from an argument. Prints the answer as JSON; exit status 0 when the key is {@code VALID}, 3 when
 * it is not (the answer says why).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a key as a service would (POST /api-tokens/verify) and print the answer as JSON. "
                + "Exit status 0 when it is VALID, " + VerifyCommand.NOT_VALID + " when it is not.")
final class VerifyCommand implements Callable<Integer> {

    static final int NOT_VALID = 3;

    @ParentCommand
    KeywardCli cli;

    @Mixin
    KeywardCli.Connection connection = new KeywardCli.Connection();

    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            description = "the key to check, alone in FILE (white space around it is ignored), or - for standard input")
    String keyFile;

    @Option(names = "--require", paramLabel = "PERMISSIONS",
            description = "what the key's permissions must satisfy: names separated by commas (all required), "
                    + "or a query such as \"AlertRead AND (RuleRead OR UserRead)\"")
    String require;

    @Option(names = "--client-address", paramLabel = "IP", description = "the address the key is used from")
    String clientAddress;

    @Override
    public Integer call() throws ApiClient.Failure {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", KeywardCli.read(keyFile).strip());
        if (require != null) {
            boolean list = require.contains(",") || require.isBlank();
            body.put("permissions", list ? Arrays.stream(require.split(",", -1)).map(String::strip).toList() : require.strip());
        }
        if (clientAddress != null) {
            body.put("clientAddress", clientAddress);
        }
        Object answer = cli.client(connection).post("/api-tokens/verify", body);
        cli.out().println(Json.write(answer));
        return answer instanceof Map<?, ?> verdict && Boolean.TRUE.equals(verdict.get("valid")) ? 0 : NOT_VALID;
    }
}
