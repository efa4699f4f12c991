package dev.keyward.adapter.events;

import dev.keyward.domain.audit.AuditPublisher;
import dev.keyward.domain.audit.PendingAuditEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
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
 * JSON object per line, to a file (default {@code <data-dir>/}{@value #DEFAULT_FILE_NAME}), and reports
 * them delivered only once they are on disk. The app wires it, since the data directory is the app's setting.
 */
public final class JsonLinesAuditPublisher implements AuditPublisher {

    public static final String DEFAULT_FILE_NAME = "audit-events.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesAuditPublisher.class);
    private static final EventFormat FORMAT = new JsonFormat();

    private final Path file;
    private final AuditCloudEvents cloudEvents;

    public JsonLinesAuditPublisher(Path file, AuditCloudEvents cloudEvents) {
        this.file = file.toAbsolutePath();
        this.cloudEvents = cloudEvents;
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
