package dev.keyward.adapter.events;

import dev.keyward.domain.audit.PendingAuditEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link JsonLinesAuditPublisher}: one structured CloudEvent per line, appended, acknowledged once written. */
class JsonLinesAuditPublisherTest {

    private final AuditCloudEvents cloudEvents = new AuditCloudEvents("/keyward");

    @Test
    void batches_are_appended_one_cloudevent_per_line_in_order(@TempDir Path dir) throws Exception {
        JsonLinesAuditPublisher publisher = new JsonLinesAuditPublisher(dir.resolve("data/audit-events.jsonl"), cloudEvents);
        List<PendingAuditEvent> life = TestEvents.lifeOf(TestEvents.newTokenId());

        Set<UUID> first = publisher.publish(life.subList(0, 2));
        Set<UUID> second = publisher.publish(life.subList(2, 4));

        assertEquals(Set.of(life.get(0).id(), life.get(1).id()), first);
        assertEquals(Set.of(life.get(2).id(), life.get(3).id()), second);
        List<String> lines = Files.readAllLines(publisher.file(), StandardCharsets.UTF_8);
        List<CloudEvent> read = new ArrayList<>();
        for (String line : lines) {
            read.add(new JsonFormat().deserialize(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(life.stream().map(e -> e.id().toString()).toList(), read.stream().map(CloudEvent::getId).toList());
        assertEquals(life.stream().map(e -> cloudEvents.toCloudEvent(e).getType()).toList(),
                read.stream().map(CloudEvent::getType).collect(Collectors.toList()));
    }

    @Test
    void a_file_that_cannot_be_written_acknowledges_nothing(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        JsonLinesAuditPublisher publisher = new JsonLinesAuditPublisher(blocker.resolve("audit-events.jsonl"), cloudEvents);

        assertEquals(Set.of(), publisher.publish(TestEvents.lifeOf(TestEvents.newTokenId())));
    }
}
