package dev.keyward.app.cli;

import dev.keyward.app.Keyward;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's main class in a JVM of its own: {@code --help} lists the commands and exits 0 without starting a server. */
class CommandLineHelpTest {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLineHelpTest.class);

    @Test
    void help_lists_the_commands_and_exits_without_serving() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Keyward.class.getName(), "--help")
                .redirectErrorStream(true).start();
        long start = System.nanoTime();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "--help did not end");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        LOG.info("[cli] --help answered in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("check-connection") && output.contains("tokens"), output);
        assertFalse(output.contains("Startup completed"), "no server was started: " + output);
    }

    @Test
    void the_server_still_starts_without_arguments_and_options_go_to_it() {
        assertFalse(KeywardCli.wanted(new String[0]));
        assertFalse(KeywardCli.wanted(new String[] {"-micronaut.server.port=8081"}));
        assertTrue(KeywardCli.wanted(new String[] {"tokens", "list"}));
        assertTrue(KeywardCli.wanted(new String[] {"--help"}));
    }
}
