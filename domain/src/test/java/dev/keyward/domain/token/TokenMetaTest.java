package dev.keyward.domain.token;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenMetaTest {

    @Test
    void up_to_4096_bytes_of_utf8_are_taken_and_one_more_is_a_400_naming_the_field_and_the_size() {
        String atLimit = "{\"k\":\"" + "a".repeat(TokenMeta.MAX_BYTES - 8) + "\"}";
        String overByOneMultiByteCharacter = "{\"k\":\"" + "a".repeat(TokenMeta.MAX_BYTES - 9) + "é\"}";

        assertEquals(TokenMeta.MAX_BYTES, TokenMeta.parse("meta", atLimit).json().length());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TokenMeta.parse("meta", overByOneMultiByteCharacter));
        assertEquals("meta", e.field());
        assertTrue(e.getMessage().contains("4096") && e.getMessage().contains("4097"), e.getMessage());
    }

    @Test
    void a_whole_token_value_anywhere_in_it_is_refused_but_a_mere_prefix_is_not() {
        String value = TokenValue.generate(new SplittableRandom(3)).reveal();

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TokenMeta.parse("meta", "{\"note\":\"rotated from " + value + " yesterday\"}"));

        assertFalse(e.getMessage().contains(value.substring(3)), "the value is not echoed");
        assertEquals("{\"sku\":\"kw_basic\"}", TokenMeta.parse("meta", "{\"sku\":\"kw_basic\"}").json());
    }

    @Test
    void empty_is_the_object_without_members_and_anything_but_an_object_cannot_be_made() {
        assertTrue(TokenMeta.EMPTY.isEmpty());
        assertFalse(new TokenMeta("{\"a\":1}").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new TokenMeta("[1]"));
    }
}
