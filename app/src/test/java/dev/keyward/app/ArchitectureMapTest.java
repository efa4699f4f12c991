package dev.keyward.app;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@code docs/architecture.md} true: every class name ({@code ApiToken}), nested type or constant
 * ({@code CheckStep.Pending}, {@code Door.VERIFY}) and {@code Class.method} written in backticks there must
 * exist in the code (production or test classes of any module). A rename that forgets the map fails here.
 */
class ArchitectureMapTest {

    private static final Path MAP = Path.of("..", "docs", "architecture.md");
    /** A backticked span that names code: {@code Name}, {@code Name.member}, {@code Name.Nested.member}. */
    private static final Pattern CODE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern BACKTICKS = Pattern.compile("`([^`\\n]+)`");
    private static final Map<String, List<JavaClass>> bySimpleName = new HashMap<>();

    @BeforeAll
    static void indexEveryKeywardClass() {
        for (JavaClass type : KeywardClasses.ALL) {
            bySimpleName.computeIfAbsent(type.getSimpleName(), name -> new ArrayList<>()).add(type);
        }
    }

    @Test
    void every_name_on_the_map_is_in_the_code() throws IOException {
        Set<String> names = namesOnTheMap();
        assertTrue(names.size() > 100, "the map names the code it describes: found only " + names);
        List<String> missing = names.stream().filter(name -> !resolves(name)).toList();
        assertEquals(List.of(), missing, "docs/architecture.md names code that does not exist (renamed? deleted?)");
    }

    @Test
    void a_stale_name_would_be_caught() {
        assertTrue(resolves("CheckService.start"));
        assertTrue(resolves("CheckStep.Pending"));
        assertTrue(resolves("Door.GRAPHQL"));
        assertTrue(resolves("InMemoryDomain"), "test classes of other modules are on the map too");
        assertTrue(!resolves("VerificationService") && !resolves("CheckService.verifyIfCached")
                && !resolves("CheckStep.Missing"), "names that are gone do not resolve");
    }

    private static Set<String> namesOnTheMap() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Matcher spans = BACKTICKS.matcher(Files.readString(MAP, StandardCharsets.UTF_8));
        while (spans.find()) {
            String span = spans.group(1);
            if (CODE_NAME.matcher(span).matches()) {
                names.add(span);
            }
        }
        return names;
    }

    /** {@code A}, or {@code A.b.c}: a class, then each part a nested type, a field or a method of the one before. */
    private static boolean resolves(String name) {
        String[] parts = name.split("\\.");
        List<JavaClass> candidates = bySimpleName.getOrDefault(parts[0], List.of());
        return candidates.stream().anyMatch(type -> resolves(type, parts, 1));
    }

    private static boolean resolves(JavaClass type, String[] parts, int index) {
        if (index == parts.length) {
            return true;
        }
        String part = parts[index];
        for (JavaClass nested : bySimpleName.getOrDefault(part, List.of())) {
            if (nested.getEnclosingClass().map(type::equals).orElse(false) && resolves(nested, parts, index + 1)) {
                return true;
            }
        }
        boolean member = type.getAllMethods().stream().anyMatch(method -> method.getName().equals(part))
                || type.getAllFields().stream().anyMatch(field -> field.getName().equals(part));
        return member && index == parts.length - 1;
    }
}
