package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenNameTest {

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"a", "ci deploy", "  padded  ", "Zürich → Genève", "日本語のトークン", "name-with-emoji-🔑", "🔑"})
    void ordinary_names_are_accepted_as_given(String text) {
        assertEquals(text, TokenName.parse("name", text).value());
        assertEquals(text, new TokenName(text).toString());
    }

    @Test
    void a_name_may_have_255_characters_but_not_256() {
        assertEquals(255, new TokenName("x".repeat(255)).value().length());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", "x".repeat(256)));
        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("255"), e.getMessage());
    }

    @Test
    void an_emoji_counts_as_one_character_although_java_needs_two_chars_for_it() {
        String emoji = "🔑";
        assertEquals(2, emoji.length());

        assertEquals(255, new TokenName(emoji.repeat(255)).value().codePointCount(0, 510));
        assertThrows(InvalidInputException.class, () -> TokenName.parse("name", emoji.repeat(256)));
        assertThrows(InvalidInputException.class, () -> TokenName.parse("name", emoji.repeat(255) + "x"));
    }

    @ParameterizedTest(name = "blank ''{0}''")
    @ValueSource(strings = {"", " ", "   ", "\t", "\u2003", "\u3000 "})
    void a_blank_name_is_rejected_naming_the_field(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));

        assertEquals("name", e.field());
        assertTrue(e.getMessage().startsWith("name "), e.getMessage());
    }

    @Test
    void a_missing_name_is_rejected_naming_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", null));

        assertEquals("name", e.field());
        assertEquals("name is required", e.getMessage());
    }

    @ParameterizedTest(name = "control U+{0}")
    @ValueSource(ints = {0x00, 0x07, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x9F})
    void control_characters_are_rejected(int codePoint) {
        String text = "before" + Character.toString(codePoint) + "after";

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));
        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("control"), e.getMessage());
    }

    @ParameterizedTest(name = "bidi control U+{0}")
    @ValueSource(ints = {0x202A, 0x202E, 0x2066, 0x2069, 0x200E, 0x200F, 0x061C})
    void bidirectional_controls_are_rejected_because_they_let_one_name_pose_as_another(int codePoint) {
        String text = "prod" + Character.toString(codePoint) + "nimda";

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));
        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
    }

    @ParameterizedTest(name = "invisible U+{0}")
    @ValueSource(ints = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x3164, 0x2800, 0x115F, 0x1160, 0xFFA0, 0x180E, 0x00AD, 0x034F,
            0x2064, 0x1D173, 0xE0041})
    void zero_width_and_filler_characters_are_rejected_naming_the_code_point(int codePoint) {
        String text = "prod" + Character.toString(codePoint) + "-deploy";

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));
        assertEquals("name", e.field());
        assertEquals("name may not contain invisible characters such as " + String.format("U+%04X", codePoint)
                + " (they can make a name display as another)", e.getMessage());
    }

    @ParameterizedTest(name = "only invisible ''{0}''")
    @ValueSource(strings = {"\u200B", "\u3164\u3164", "\u2800", "\uFEFF ", "\u115F\u1160"})
    void a_name_made_only_of_invisible_characters_is_rejected(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));

        assertEquals("name", e.field());
        assertTrue(e.getMessage().contains("invisible"), e.getMessage());
    }

    @ParameterizedTest(name = "blank ''{0}''")
    @ValueSource(strings = {"\u00A0", "\u202F\u2007", "\uFE0F", " \uFE0F "})
    void no_break_spaces_and_lone_variation_selectors_are_blank(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));

        assertEquals("name may not be blank", e.getMessage());
    }

    @Test
    void a_variation_selector_after_a_visible_character_is_kept_because_emoji_need_it() {
        assertEquals("on-call \u2764\uFE0F", TokenName.parse("name", "on-call \u2764\uFE0F").value());
    }

    @ParameterizedTest(name = "lone surrogate U+{0}")
    @ValueSource(ints = {0xD800, 0xDBFF, 0xDC00, 0xDFFF})
    void an_unpaired_surrogate_is_rejected_because_it_cannot_be_stored_as_utf_8(int surrogate) {
        String text = "bad" + (char) surrogate + "name";

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("name", text));
        assertEquals("name", e.field());
    }

    @Test
    void the_constructor_enforces_the_same_rules_for_names_read_back_or_made_internally() {
        assertThrows(IllegalArgumentException.class, () -> new TokenName(null));
        assertThrows(IllegalArgumentException.class, () -> new TokenName(" "));
        assertThrows(IllegalArgumentException.class, () -> new TokenName("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> new TokenName("y".repeat(256)));
    }

    @Test
    void the_field_name_given_by_the_caller_is_the_one_reported() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenName.parse("displayName", ""));

        assertEquals("displayName", e.field());
        assertTrue(e.getMessage().startsWith("displayName "), e.getMessage());
    }
}
