package dev.keyward.app.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kafka records read back as CloudEvents, deduplicated by id the way the docs tell consumers to. */
final class Consumed {

    final List<ConsumerRecord<String, byte[]>> records;
    final List<CloudEvent> events = new ArrayList<>();

    Consumed(List<ConsumerRecord<String, byte[]>> records) {
        this.records = records;
        JsonFormat format = new JsonFormat();
        records.forEach(r -> events.add(format.deserialize(r.value())));
    }

    /** Ids in first-seen order per record key (token id); later copies of an id are dropped. */
    Map<String, List<String>> firstSeenIdsByKey() {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ids.computeIfAbsent(records.get(i).key(), k -> new LinkedHashSet<>()).add(events.get(i).getId());
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        ids.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.getId()));
        return ids;
    }

    /** Every record's key, headers and value as text, for secret scans. */
    List<String> rawTexts() {
        List<String> texts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            StringBuilder text = new StringBuilder(String.valueOf(record.key())).append('\n');
            record.headers().forEach(h -> text.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)).append('\n'));
            texts.add(text.append(new String(record.value(), StandardCharsets.UTF_8)).toString());
        }
        return texts;
    }
}
