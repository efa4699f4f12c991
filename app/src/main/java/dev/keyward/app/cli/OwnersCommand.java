package dev.keyward.app.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code owners list|get|create|update|delete}: whose keys are, each answer one line of JSON on standard output. */
@Command(name = "owners", mixinStandardHelpOptions = true,
        description = "List, read, create, update and delete owners (whose keys are); the output is JSON.",
        subcommands = {OwnersCommand.ListAll.class, OwnersCommand.Get.class, OwnersCommand.Create.class,
                OwnersCommand.Update.class, OwnersCommand.Delete.class})
final class OwnersCommand {

    @ParentCommand
    KeywardCli cli;

    /** What every {@code owners} command has: the parent, the connection options, and a way to print. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        OwnersCommand owners;
        @Mixin
        KeywardCli.Connection connection = new KeywardCli.Connection();

        ApiClient api() throws ApiClient.Failure {
            return owners.cli.client(connection);
        }

        void print(Object json) {
            owners.cli.out().println(Json.write(json));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every owner as a JSON array (all pages), or with --external-id the one that has it.")
    static final class ListAll extends Subcommand {
        @Option(names = "--external-id", paramLabel = "ID", description = "only the owner with this externalId")
        String externalId;

        @Override
        public Integer call() throws ApiClient.Failure {
            print(api().all("/owners?limit=100" + (externalId == null ? "" : "&externalId=" + ApiClient.segment(externalId))));
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one owner as JSON.")
    static final class Get extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the owner's id")
        String id;

        @Override
        public Integer call() throws ApiClient.Failure {
            print(api().get("/owners/" + ApiClient.segment(id)));
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an owner and print it as JSON.")
    static final class Create extends Subcommand {
        @Option(names = "--external-id", required = true, paramLabel = "ID",
                description = "what the platform knows it by (1 to 256 characters, unique)")
        String externalId;
        @Option(names = "--name", description = "its name")
        String name;
        @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "metadata, a string value (repeat for more)")
        Map<String, String> meta = new LinkedHashMap<>();

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("externalId", externalId);
            if (name != null) {
                body.put("name", name);
            }
            if (!meta.isEmpty()) {
                body.put("meta", meta);
            }
            print(api().post("/owners", body));
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace an owner's name (none if not given) and, if given, its metadata; print it as JSON.")
    static final class Update extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the owner's id")
        String id;
        @Option(names = "--name", description = "its new name (omitted: none)")
        String name;
        @ArgGroup(exclusive = true)
        TokensCommand.Update.MetaChange metaChange;

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            if (name != null) {
                body.put("name", name);
            }
            if (metaChange != null) {
                body.put("meta", metaChange.clear ? Map.of() : metaChange.meta);
            }
            print(api().post("/owners/" + ApiClient.segment(id), body));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an owner no token belongs to; prints {\"deleted\": ID}.")
    static final class Delete extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the owner's id")
        String id;

        @Override
        public Integer call() throws ApiClient.Failure {
            api().delete("/owners/" + ApiClient.segment(id));
            print(Map.of("deleted", id));
            return 0;
        }
    }
}
