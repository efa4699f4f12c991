package dev.keyward.app.console;

import dev.keyward.domain.permission.Permission;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The console's table of permission labels names every permission of the domain, once, with a label. */
class PermissionTableTest {

    private static final Pattern ENTRY = Pattern.compile("\\['(\\w+)', '([^']+)'\\]");

    @Test
    void the_table_lists_each_of_the_37_permissions_exactly_once() throws IOException {
        List<String> names = new ArrayList<>(entries().keySet());
        List<String> expected = Arrays.stream(Permission.values()).map(Enum::name).sorted().toList();

        assertEquals(37, expected.size());
        assertEquals(expected, names.stream().sorted().toList());
    }

    @Test
    void every_label_is_distinct_and_the_token_permissions_carry_the_console_names() throws IOException {
        Map<String, String> entries = entries();
        assertEquals(entries.size(), new HashSet<>(entries.values()).size(), "two permissions with one label");
        entries.values().forEach(label -> assertFalse(label.isBlank()));
        assertEquals("Read API Token Info", entries.get("OrganizationAPITokenRead"));
        assertEquals("Manage API Tokens", entries.get("OrganizationAPITokenModify"));
        assertEquals("View Alerts", entries.get("AlertRead"));
    }

    private static Map<String, String> entries() throws IOException {
        String script;
        try (InputStream in = PermissionTableTest.class.getResourceAsStream("/public/console/permissions.js")) {
            assertNotNull(in, "public/console/permissions.js on the classpath");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        Matcher matcher = ENTRY.matcher(script);
        while (matcher.find()) {
            if (entries.put(matcher.group(1), matcher.group(2)) != null) {
                duplicates.add(matcher.group(1));
            }
        }
        assertEquals(List.of(), duplicates, "permissions listed twice");
        return entries;
    }
}
