package dev.keyward.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code check-connection}: is Keyward reachable and the key good? Prints the key's token: name, id, permissions. */
@Command(name = "check-connection", mixinStandardHelpOptions = true,
        description = "Check that Keyward answers and the key in $KEYWARD_API_TOKEN is good; print its token's name, id and permissions.")
final class CheckConnectionCommand implements Callable<Integer> {

    @ParentCommand
    KeywardCli cli;

    @Mixin
    KeywardCli.Connection connection = new KeywardCli.Connection();

    @Override
    public Integer call() throws ApiClient.Failure {
        if (!(cli.client(connection).get("/api-tokens/self") instanceof Map<?, ?> token)) {
            throw new ApiClient.Failure("the answer to /api-tokens/self was not a token");
        }
        PrintWriter out = cli.out();
        out.println("name: " + token.get("name"));
        out.println("id: " + token.get("id"));
        Object permissions = token.get("permissions");
        out.println("permissions: " + (permissions instanceof List<?> list ? String.join(", ", list.stream().map(String::valueOf).toList()) : ""));
        return 0;
    }
}
