package dev.keyward.adapter.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.rw.CloudEventContextReader;
import io.cloudevents.rw.CloudEventContextWriter;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A CloudEvent whose {@code time} is written the way the timestamps in its data are
 * ({@code Instant.toString()}: {@code 2026-11-02T10:00:58.880440Z}). The SDK writes an OffsetDateTime
 * with its trailing zeros dropped ({@code …58.88044Z}), so {@code time} and a rotation's
 * {@code rotatedAt} would differ as text although they are the same instant.
 */
record DataStyleTime(CloudEvent event) implements CloudEvent, CloudEventContextReader {

    @Override
    public void readContext(CloudEventContextWriter writer) {
        CloudEventUtils.toContextReader(event).readContext(new CloudEventContextWriter() {
            @Override
            public CloudEventContextWriter withContextAttribute(String name, String value) {
                writer.withContextAttribute(name, value);
                return this;
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, OffsetDateTime value) {
                return withContextAttribute(name, value.toInstant().toString());
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, URI value) {
                writer.withContextAttribute(name, value);
                return this;
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, Number value) {
                writer.withContextAttribute(name, value);
                return this;
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, Integer value) {
                writer.withContextAttribute(name, value);
                return this;
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, Boolean value) {
                writer.withContextAttribute(name, value);
                return this;
            }

            @Override
            public CloudEventContextWriter withContextAttribute(String name, byte[] value) {
                writer.withContextAttribute(name, value);
                return this;
            }
        });
    }

    @Override
    public CloudEventData getData() {
        return event.getData();
    }

    @Override
    public SpecVersion getSpecVersion() {
        return event.getSpecVersion();
    }

    @Override
    public String getId() {
        return event.getId();
    }

    @Override
    public String getType() {
        return event.getType();
    }

    @Override
    public URI getSource() {
        return event.getSource();
    }

    @Override
    public String getDataContentType() {
        return event.getDataContentType();
    }

    @Override
    public URI getDataSchema() {
        return event.getDataSchema();
    }

    @Override
    public String getSubject() {
        return event.getSubject();
    }

    @Override
    public OffsetDateTime getTime() {
        return event.getTime();
    }

    @Override
    public Object getAttribute(String name) {
        return event.getAttribute(name);
    }

    @Override
    public Object getExtension(String name) {
        return event.getExtension(name);
    }

    @Override
    public Set<String> getExtensionNames() {
        return event.getExtensionNames();
    }
}
