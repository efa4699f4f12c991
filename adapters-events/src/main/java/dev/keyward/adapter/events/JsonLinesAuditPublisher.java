package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.PendingAuditEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link AuditPublisher} for a single node without Kafka: appends the same structured CloudEvents, one
 * JSON object per line, to a file (default {@code ./data/audit-events.jsonl}), and reports them
 * delivered only once they are on disk.
 */
@Singleton
@Requires(condition = KafkaConfigured.Not.class)
public final class JsonLinesAuditPublisher implements AuditPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditPublisher.class);
    private static final EventFormat FORMAT = new JsonFormat();

    private final Path file;
    private final AuditCloudEvents cloudEvents;

    @Inject
    public JsonLinesAuditPublisher(@Value("${keyward.events.file:}") String file,
                                   @Value("${keyward.data-dir:./data}") String dataDir,
                                   AuditCloudEvents cloudEvents) {
        this.file = (file.isBlank() ? Path.of(dataDir, "audit-events.jsonl") : Path.of(file)).toAbsolutePath();
        this.cloudEvents = cloudEvents;
    }

    public JsonLinesAuditPublisher(String file, AuditCloudEvents cloudEvents) {
        this(file, "", cloudEvents);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Set<UUID> publish(List<PendingAuditEvent> events) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Set<UUID> written = new LinkedHashSet<>();
        for (PendingAuditEvent event : events) {
            lines.writeBytes(FORMAT.serialize(cloudEvents.toCloudEvent(event)));
            lines.write('\n');
            written.add(event.id());
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            }
            return written;
        } catch (IOException e) {
            LOG.warn("cannot append audit events to {}: {}", file, e.toString());
            return Set.of();
        }
    }
}
