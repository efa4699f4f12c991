package dev.keyward.app.events;

import dev.keyward.app.support.EndToEndTest;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;

/** The whole service without Kafka: audit events go to {@code <data-dir>/audit-events.jsonl}, in a data directory of its own. */
abstract class JsonLinesEndToEndTest extends EndToEndTest {

    protected final Path dataDir = temporaryDirectory();

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("keyward.data-dir", dataDir.toString());
        // blank, as an unset KAFKA_BOOTSTRAP_SERVERS would be, even where the CI sets one
        properties.put("kafka.bootstrap.servers", "");
        return properties;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("keyward-jsonl-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
