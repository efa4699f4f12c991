package dev.keyward.app.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tokens list|get|create|update|rotate|delete|bulk-delete}: the token API for scripts, each answer one line of JSON on standard output. */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "List, read, create, update, rotate and delete API tokens; the output is JSON.",
        subcommands = {TokensCommand.ListAll.class, TokensCommand.Get.class, TokensCommand.Create.class, TokensCommand.Update.class,
                TokensCommand.Rotate.class, TokensCommand.Delete.class, TokensCommand.BulkDelete.class})
final class TokensCommand {

    @ParentCommand
    KeywardCli cli;

    /** What every {@code tokens} command has: the parent, the connection options, and a way to print. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        TokensCommand tokens;
        @Mixin
        KeywardCli.Connection connection = new KeywardCli.Connection();

        ApiClient api() throws ApiClient.Failure {
            return tokens.cli.client(connection);
        }

        /** Prints one JSON value on a line of its own. */
        void print(Object json) {
            tokens.cli.out().println(Json.write(json));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every token as a JSON array (all pages), or only those of an owner, enabled or disabled.")
    static final class ListAll extends Subcommand {
        @Option(names = "--owner", paramLabel = "OWNER_ID", description = "only the tokens of this owner")
        String owner;
        @Option(names = "--enabled", arity = "1", paramLabel = "true|false", description = "only the enabled (true) or disabled (false) tokens")
        Boolean enabled;
        @Option(names = "--expires-before", paramLabel = "RFC3339", description = "only the tokens that expire before this time")
        String expiresBefore;
        @Option(names = "--last-used-before", paramLabel = "RFC3339",
                description = "only the tokens last used before this time (never used: used when created)")
        String lastUsedBefore;

        @Override
        public Integer call() throws ApiClient.Failure {
            String query = "/api-tokens?limit=100" + (owner == null ? "" : "&ownerId=" + ApiClient.segment(owner))
                    + (enabled == null ? "" : "&enabled=" + enabled)
                    + (expiresBefore == null ? "" : "&expiresBefore=" + ApiClient.segment(expiresBefore))
                    + (lastUsedBefore == null ? "" : "&lastUsedBefore=" + ApiClient.segment(lastUsedBefore));
            print(api().all(query));
            return 0;
        }
    }

    @Command(name = "bulk-delete", mixinStandardHelpOptions = true,
            description = "Delete the tokens of an owner (at most 1000 a call: repeat until 0), or the tokens given by id; prints {\"deleted\": n}.")
    static final class BulkDelete extends Subcommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        /** Exactly one of {@code --owner} and {@code --id}. */
        static final class Which {
            @Option(names = "--owner", required = true, paramLabel = "OWNER_ID", description = "every token of this owner")
            String owner;
            @Option(names = "--id", required = true, paramLabel = "ID", description = "a token to delete (repeat for more, at most 1000)")
            List<String> ids;
        }

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = which.owner != null ? Map.of("ownerId", which.owner) : Map.of("ids", which.ids);
            print(api().post("/api-tokens/bulk-delete", body));
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one token as JSON (self: the key's own token).")
    static final class Get extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the token's id, or self for the key's own token")
        String id;

        @Override
        public Integer call() throws ApiClient.Failure {
            print(api().get("/api-tokens/" + ApiClient.segment(id)));
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Replace a token's name and permissions (and its CIDR blocks, or whether it is enabled, if given); print it as JSON.")
    static final class Update extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the token's id, or self for the key's own token")
        String id;
        @Option(names = "--name", required = true, description = "the token's new name")
        String name;
        @Option(names = "--permission", paramLabel = "NAME", description = "a permission it keeps or gets (repeat for more; none: no permissions)")
        List<String> permissions = new ArrayList<>();
        @Option(names = "--allowed-cidr", paramLabel = "CIDR", description = "replace its CIDR blocks (repeat for more; omitted: unchanged)")
        List<String> allowedCidrs;
        @ArgGroup(exclusive = true)
        Switch onOff;
        @ArgGroup(exclusive = true)
        MetaChange metaChange;
        @ArgGroup(exclusive = true)
        OwnerChange ownerChange;

        /** At most one of {@code --owner} and {@code --no-owner}; neither keeps the owner. */
        static final class OwnerChange {
            @Option(names = "--owner", required = true, paramLabel = "OWNER_ID", description = "give it to this owner")
            String owner;
            @Option(names = "--no-owner", required = true, description = "detach it from its owner")
            boolean none;
        }

        /** At most one of {@code --meta} (replace) and {@code --clear-meta}; neither keeps the metadata. */
        static final class MetaChange {
            @Option(names = "--meta", required = true, paramLabel = "KEY=VALUE",
                    description = "replace its metadata with these string values (repeat for more)")
            Map<String, String> meta;
            @Option(names = "--clear-meta", required = true, description = "remove all its metadata")
            boolean clear;
        }

        /** At most one of {@code --enable} and {@code --disable}; neither keeps the token as it is. */
        static final class Switch {
            @Option(names = "--disable", required = true, description = "switch the token off: every door refuses it until it is enabled again")
            boolean disable;
            @Option(names = "--enable", required = true, description = "switch a disabled token on again")
            boolean enable;
        }

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("permissions", permissions);
            if (allowedCidrs != null) {
                body.put("allowedCIDRBlocks", allowedCidrs);
            }
            if (onOff != null) {
                body.put("enabled", onOff.enable);
            }
            if (metaChange != null) {
                body.put("meta", metaChange.clear ? Map.of() : metaChange.meta);
            }
            if (ownerChange != null) {
                // A JSON null detaches: the map writes it out.
                body.put("ownerId", ownerChange.none ? null : ownerChange.owner);
            }
            print(api().post("/api-tokens/" + ApiClient.segment(id), body));
            return 0;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token and print it as JSON, with its value (shown only this once).")
    static final class Create extends Subcommand {
        @Option(names = "--name", required = true, description = "the token's name")
        String name;
        @Option(names = "--permission", paramLabel = "NAME", description = "a permission, e.g. AlertRead (repeat for more)")
        List<String> permissions = new ArrayList<>();
        @Option(names = "--allowed-cidr", paramLabel = "CIDR", description = "a CIDR block it may be used from (repeat for more; none: anywhere)")
        List<String> allowedCidrs = new ArrayList<>();
        @Option(names = "--expires-at", paramLabel = "RFC3339", description = "when it expires, e.g. 2027-01-01T00:00:00Z (default: never)")
        String expiresAt;
        @Option(names = "--disable", description = "create it switched off: every door refuses it until it is enabled")
        boolean disable;
        @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "metadata to keep on it, a string value (repeat for more)")
        Map<String, String> meta = new LinkedHashMap<>();
        @Option(names = "--owner", paramLabel = "OWNER_ID", description = "the owner it belongs to (an id from owners create)")
        String owner;

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("permissions", permissions);
            if (!allowedCidrs.isEmpty()) {
                body.put("allowedCIDRBlocks", allowedCidrs);
            }
            if (expiresAt != null) {
                body.put("expiresAt", expiresAt);
            }
            if (disable) {
                body.put("enabled", false);
            }
            if (!meta.isEmpty()) {
                body.put("meta", meta);
            }
            if (owner != null) {
                body.put("ownerId", owner);
            }
            print(api().post("/api-tokens", body));
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Give a token a new value and print it as JSON, with the new value; the old one stops working.")
    static final class Rotate extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the token's id, or self for the key's own token")
        String id;
        @Option(names = "--grace-period", paramLabel = "SECONDS",
                description = "keep the old value working this long as the token's previous value (default 0: it stops at once)")
        Long gracePeriodSeconds;

        @Override
        public Integer call() throws ApiClient.Failure {
            Map<String, Object> body = gracePeriodSeconds == null ? null : Map.of("gracePeriodSeconds", gracePeriodSeconds);
            print(api().post("/api-tokens/" + ApiClient.segment(id) + "/rotate", body));
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a token; prints {\"deleted\": ID}.")
    static final class Delete extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the token's id, or self for the key's own token")
        String id;

        @Override
        public Integer call() throws ApiClient.Failure {
            api().delete("/api-tokens/" + ApiClient.segment(id));
            print(Map.of("deleted", id));
            return 0;
        }
    }
}
