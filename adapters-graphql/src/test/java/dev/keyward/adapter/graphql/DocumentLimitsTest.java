package dev.keyward.adapter.graphql;

import graphql.introspection.IntrospectionQuery;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentLimitsTest {

    private static final DocumentLimits LIMITS = new DocumentLimits(4, 10, 2, 2);

    private static Optional<DocumentLimits.Violation> check(DocumentLimits limits, String document) {
        return limits.check(Parser.parse(document));
    }

    @Test
    void a_document_within_every_limit_passes() {
        assertEquals(Optional.empty(), check(LIMITS, "{ apiTokens { results { createdBy { id } } } }"));
    }

    @Test
    void nesting_deeper_than_the_maximum_is_refused_naming_the_depth() {
        var violation = check(LIMITS, "{ apiTokens { results { createdBy { id { x } } } } }").orElseThrow();

        assertEquals("depth", violation.limit());
        assertEquals(4, violation.max());
        assertTrue(violation.message().contains("5 deep"), violation.message());
    }

    @Test
    void depth_counts_through_fragments_and_inline_fragments() {
        var violation = check(LIMITS, "{ apiTokens { ...Page } } fragment Page on APITokenPage { results { ... on APIToken { createdBy { id { x } } } } }");

        assertEquals("depth", violation.orElseThrow().limit());
    }

    @Test
    void selecting_more_fields_than_the_complexity_allows_is_refused() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "f" + i).collect(Collectors.joining(" "));

        var violation = check(LIMITS, "{ " + eleven + " }").orElseThrow();

        assertEquals("complexity", violation.limit());
        assertTrue(violation.message().contains("selects 11 fields"), violation.message());
        assertEquals(Optional.empty(), check(LIMITS, "{ " + eleven.substring(0, eleven.lastIndexOf(' ')) + " }"));
    }

    @Test
    void complexity_counts_a_fragment_once_per_spread() {
        String fragment = "fragment F on APIToken { a b c }";

        assertEquals(Optional.empty(), check(LIMITS, "{ x { ...F } y { ...F } } " + fragment));
        assertEquals("complexity", check(LIMITS, "{ x { ...F } y { ...F } z { ...F } } " + fragment).orElseThrow().limit());
    }

    @Test
    void exponentially_spread_fragments_are_measured_quickly_and_refused() {
        StringBuilder document = new StringBuilder("{ ...F0 } ");
        for (int i = 0; i < 80; i++) {
            document.append("fragment F").append(i).append(" on Query { a: f ...F").append(i + 1).append(" b: g ...F").append(i + 1).append(" } ");
        }
        document.append("fragment F80 on Query { leaf }");
        DocumentLimits roomy = new DocumentLimits(100, 1000, 1000, 1);

        var violation = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> check(roomy, document.toString()));

        assertEquals("complexity", violation.orElseThrow().limit());
        assertTrue(violation.get().message().contains("too many"), violation.get().message());
    }

    @Test
    void a_fragment_cycle_does_not_loop_and_is_left_to_validation() {
        assertEquals(Optional.empty(), check(LIMITS, "{ ...A } fragment A on Query { a ...B } fragment B on Query { b ...A }"));
    }

    @Test
    void more_aliases_than_allowed_are_refused_counting_those_in_fragments() {
        var violation = check(LIMITS, "{ a: apiTokens { next } ...F } fragment F on Query { b: apiTokens { next } c: apiTokens { next } }");

        assertEquals("aliases", violation.orElseThrow().limit());
        assertTrue(violation.get().message().contains("3 aliases"), violation.get().message());
    }

    @Test
    void more_operations_than_allowed_in_one_document_are_refused() {
        var violation = check(LIMITS, "query A { a } query B { b } query C { c }");

        assertEquals("operations", violation.orElseThrow().limit());
        assertTrue(violation.get().message().contains("3 operations"), violation.get().message());
        assertEquals(Optional.empty(), check(LIMITS, "query A { a } query B { b }"));
    }

    @Test
    void the_default_limits_admit_the_full_introspection_query_that_graphiql_sends() {
        assertEquals(Optional.empty(), check(ShippedLimits.LIMITS, IntrospectionQuery.INTROSPECTION_QUERY));
    }

    @Test
    void limits_must_be_positive() {
        org.junit.jupiter.api.Assertions.assertThrows(io.micronaut.context.exceptions.ConfigurationException.class,
                () -> new DocumentLimits(0, 1, 1, 1));
    }
}
