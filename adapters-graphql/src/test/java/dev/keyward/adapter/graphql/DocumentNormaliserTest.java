package dev.keyward.adapter.graphql;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentNormaliserTest {

    private static final String PANTHER = "mutation rotateAPIToken() { rotateAPIToken() { token { value } } }";

    @Test
    void panthers_documented_rotate_mutation_is_rejected_by_the_strict_parser_as_written() {
        assertThrows(InvalidSyntaxException.class, () -> Parser.parse(PANTHER));
    }

    @Test
    void panthers_documented_rotate_mutation_parses_once_normalised() {
        Document document = Parser.parse(DocumentNormaliser.normalise(PANTHER));

        OperationDefinition operation = (OperationDefinition) document.getDefinitions().get(0);
        assertEquals("rotateAPIToken", operation.getName());
        assertEquals(OperationDefinition.Operation.MUTATION, operation.getOperation());
        Field field = (Field) operation.getSelectionSet().getSelections().get(0);
        assertEquals("rotateAPIToken", field.getName());
        assertTrue(field.getArguments().isEmpty());
    }

    @Test
    void the_removed_parentheses_become_spaces_so_columns_stay_where_the_client_typed_them() {
        String normalised = DocumentNormaliser.normalise(PANTHER);

        assertEquals("mutation rotateAPIToken   { rotateAPIToken   { token { value } } }", normalised);
        assertEquals(PANTHER.length(), normalised.length());
    }

    @Test
    void white_space_commas_and_comments_inside_the_parentheses_count_as_empty_and_line_breaks_survive() {
        String document = "mutation {\n  rotateAPIToken( ,\t# no id: rotate myself\n ) { token { value } }\n}";

        String normalised = DocumentNormaliser.normalise(document);

        assertEquals(document.length(), normalised.length());
        assertEquals(document.chars().filter(c -> c == '\n').count(), normalised.chars().filter(c -> c == '\n').count());
        assertTrue(normalised.contains("rotateAPIToken "), normalised);
        Parser.parse(normalised);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mutation { rotateAPIToken { token { value } } }",
            "query ($id: ID!) { apiToken(id: $id) { id } }",
            "mutation { rotateAPIToken(id: \"self\") { token { value } } }",
            "query { apiTokens(limit: 2) { next } }"})
    void documents_without_empty_parentheses_are_returned_unchanged(String document) {
        assertEquals(document, DocumentNormaliser.normalise(document));
    }

    @Test
    void parentheses_inside_a_string_are_left_alone() {
        String document = "mutation { createAPIToken(input: {name: \"ci () bot \\\"()\\\"\", permissions: []}) { token { id } } }";

        assertEquals(document, DocumentNormaliser.normalise(document));
    }

    @Test
    void parentheses_inside_a_block_string_are_left_alone_even_after_an_escaped_triple_quote() {
        String document = "mutation { createAPIToken(input: {name: \"\"\"a () \\\"\"\" b ()\"\"\", permissions: []}) { token { id } } }";

        assertEquals(document, DocumentNormaliser.normalise(document));
    }

    @Test
    void parentheses_inside_a_comment_are_left_alone_and_those_after_it_are_still_removed() {
        String document = "# call rotateAPIToken() to rotate\nmutation { rotateAPIToken() { token { value } } }";

        String normalised = DocumentNormaliser.normalise(document);

        assertTrue(normalised.startsWith("# call rotateAPIToken() to rotate\n"), normalised);
        assertTrue(normalised.endsWith("mutation { rotateAPIToken   { token { value } } }"), normalised);
    }

    @Test
    void an_unterminated_string_or_parenthesis_does_not_break_the_normaliser() {
        assertEquals("{ a(\"() ", DocumentNormaliser.normalise("{ a(\"() "));
        assertEquals("{ a(  ", DocumentNormaliser.normalise("{ a(  "));
        assertNull(DocumentNormaliser.normalise(null));
    }
}
