package dev.keyward.app.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Without Kafka configured, the same CloudEvents are appended to {@code <data-dir>/audit-events.jsonl}. */
@MicronautTest(transactional = false)
class JsonLinesEventsEndToEndIT extends JsonLinesEndToEndTest {

    @Test
    void every_change_lands_in_the_json_lines_file_under_the_data_dir_in_order() throws Exception {
        String id = api.createReply(admin, "filed", List.of("RuleRead"), null).string("id");
        assertEquals(200, api.update(id, admin, "filed-renamed", List.of("RuleRead")).status());
        assertEquals(200, api.rotate(id, admin).status());
        assertEquals(2, api.delete("/api-tokens/" + id, admin).status() / 100);
        Outbox outbox = new Outbox(dataSource);
        outbox.awaitDrained(Duration.ofSeconds(30));

        Path file = dataDir.resolve("audit-events.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<CloudEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.add(new JsonFormat().deserialize(line.getBytes(StandardCharsets.UTF_8)));
        }

        assertEquals(outbox.rows().stream().map(Outbox.Row::eventId).toList(), events.stream().map(CloudEvent::getId).toList(),
                "the bootstrap admin's creation, then the four changes, once each");
        assertEquals(List.of("dev.keyward.api-token.created", "dev.keyward.api-token.updated", "dev.keyward.api-token.rotated",
                "dev.keyward.api-token.deleted"), events.stream().filter(e -> id.equals(e.getSubject())).map(CloudEvent::getType).toList());
        for (String line : lines) {
            assertFalse(line.contains("kw_"), line);
        }
    }
}
