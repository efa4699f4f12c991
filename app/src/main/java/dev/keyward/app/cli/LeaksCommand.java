package dev.keyward.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code leaks report FILE}: hands leaked values to {@code POST /leaked-tokens}; prints one result per value. */
@Command(name = "leaks", mixinStandardHelpOptions = true, description = "Report leaked token values.",
        subcommands = LeaksCommand.Report.class)
final class LeaksCommand {

    @ParentCommand
    KeywardCli cli;

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Report the values in FILE (a JSON array of {\"token\", \"location\", \"source\"}, as POST /leaked-tokens "
                    + "takes, or - for standard input): each live token whose value is in it is deleted. Prints the results "
                    + "as JSON (each value's first characters and revoked, already-dead or unknown).")
    static final class Report implements Callable<Integer> {
        @ParentCommand
        LeaksCommand leaks;
        @Mixin
        KeywardCli.Connection connection = new KeywardCli.Connection();
        @Parameters(paramLabel = "FILE", description = "the report, or - for standard input")
        String file;

        @Override
        public Integer call() throws ApiClient.Failure {
            Object report = Json.parse(KeywardCli.read(file));
            if (!(report instanceof List<?>)) {
                throw new ApiClient.Failure(file + " is not a JSON array of reported values");
            }
            leaks.cli.out().println(Json.write(leaks.cli.client(connection).post("/leaked-tokens", report)));
            return 0;
        }
    }
}
