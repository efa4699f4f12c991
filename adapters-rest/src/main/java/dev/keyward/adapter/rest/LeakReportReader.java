package dev.keyward.adapter.rest;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.leak.LeakReports.LeakReport;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a leak report body, a JSON array of objects, checking each field's JSON type so that a bad
 * item is a 400 naming its index and field ({@code [3].token}). The count (at most 1,000) and the
 * lengths are the domain's to check. {@code location}/{@code source} are named as each format names them.
 */
@Singleton
final class LeakReportReader {

    private final TokenRequestReader reader;

    LeakReportReader(TokenRequestReader reader) {
        this.reader = reader;
    }

    /** One item of GitHub's format and the token type GitHub gave it, which its feedback repeats. */
    record GitHubItem(LeakReport report, String type) {
    }

    /** Keyward's own format: {@code [{"token", "location", "source"}]}. */
    List<LeakReport> readKeyward(byte[] body) {
        return read(body, "location", "source").stream()
                .map(item -> new LeakReport(string(item, "token"), string(item, "location"), string(item, "source"))).toList();
    }

    /** GitHub's secret-scanning format: {@code [{"token", "type", "url", "source"}]}. */
    List<GitHubItem> readGitHub(byte[] body) {
        return read(body, "url", "source").stream()
                .map(item -> new GitHubItem(new LeakReport(string(item, "token"), string(item, "url"), string(item, "source")),
                        string(item, "type"))).toList();
    }

    /** An array item and its place in the array, for error messages. */
    private record Item(String at, JsonNode node) {
    }

    private List<Item> read(byte[] body, String locationField, String sourceField) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("body", "a JSON array request body is required");
        }
        JsonNode array = reader.readTree(body);
        if (array == null || !array.isArray()) {
            throw new InvalidInputException("body", "the request body must be a JSON array of {\"token\", \""
                    + locationField + "\", \"" + sourceField + "\"} objects");
        }
        List<Item> items = new ArrayList<>(array.size());
        int index = 0;
        for (JsonNode node : array.values()) {
            String at = "[" + index++ + "]";
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(at, at + " must be a JSON object");
            }
            items.add(new Item(at, node));
        }
        return items;
    }

    private static String string(Item item, String field) {
        String at = item.at();
        JsonNode node = item.node().get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(at + "." + field, at + "." + field + " must be a JSON string");
        }
        return node.getStringValue();
    }
}
