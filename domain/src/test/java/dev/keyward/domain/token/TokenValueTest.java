package dev.keyward.domain.token;

import dev.keyward.domain.manage.TokenWithValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenValueTest {

    private static final Pattern FORMAT = Pattern.compile("kw_[0-9A-Za-z]{36}");

    @ParameterizedTest(name = "body {0} has checksum {1}")
    @CsvSource({
            // Computed outside Java (Python zlib.crc32 + base 62) so the reference itself is checked.
            "000000000000000000000000000000, 2C8GjS",
            "abcdefghijklmnopqrstuvwxyz0123, 2LolCm",
            "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ, 3EAd4B",
            "Keyward0Keyward1Keyward2Keywar, 15uihc",
    })
    void the_checksum_is_crc32_of_the_body_in_base_62(String body, String checksum) {
        assertEquals(checksum, ReferenceChecksum.of(body));
        String text = "kw_" + body + checksum;

        assertEquals(text, TokenValue.parse(text).reveal());
    }

    @Test
    void generated_values_have_the_published_format_and_always_parse() {
        SplittableRandom random = new SplittableRandom(20261101L);
        for (int i = 0; i < 10_000; i++) {
            String text = TokenValue.generate(random).reveal();

            assertTrue(FORMAT.matcher(text).matches(), text.length() + " characters, bad shape");
            String body = text.substring(3, 33);
            assertEquals(ReferenceChecksum.of(body), text.substring(33), "checksum of generation " + i);
            assertEquals(text, TokenValue.parse(text).reveal());
            assertTrue(TokenValue.tryParse(text).isPresent());
        }
    }

    @Test
    void checksums_below_62_to_the_fifth_are_left_padded_with_zero() {
        SplittableRandom random = new SplittableRandom(7);
        int padded = 0;
        for (int i = 0; i < 2_000; i++) {
            String text = TokenValue.generate(random).reveal();
            if (text.charAt(33) == '0') {
                padded++;
                assertTrue(TokenValue.tryParse(text).isPresent());
            }
        }
        // About one checksum in five starts with '0'; seeing none would mean padding is broken.
        assertTrue(padded > 100, "only " + padded + " padded checksums");
    }

    @Test
    void any_single_character_change_is_rejected() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20; round++) {
            String text = TokenValue.generate(random).reveal();
            for (int position = 0; position < text.length(); position++) {
                for (char replacement : (ReferenceChecksum.ALPHABET + "_-").toCharArray()) {
                    if (replacement == text.charAt(position)) {
                        continue;
                    }
                    String changed = text.substring(0, position) + replacement + text.substring(position + 1);
                    assertTrue(TokenValue.tryParse(changed).isEmpty(),
                            "accepted a change at " + position + " to '" + replacement + "'");
                }
            }
        }
    }

    @Test
    void truncated_or_extended_values_are_rejected() {
        String text = TokenValue.generate(new SplittableRandom(3)).reveal();
        for (int length = 0; length < text.length(); length++) {
            assertTrue(TokenValue.tryParse(text.substring(0, length)).isEmpty(), "accepted length " + length);
            assertTrue(TokenValue.tryParse(text.substring(text.length() - length)).isEmpty(), "accepted suffix " + length);
        }
        assertTrue(TokenValue.tryParse(text + "0").isEmpty());
        assertTrue(TokenValue.tryParse(" " + text).isEmpty());
        assertTrue(TokenValue.tryParse(text + "\n").isEmpty());
    }

    @ParameterizedTest(name = "prefix ''{0}''")
    @ValueSource(strings = {"KW_", "kw-", "kx_", "kw.", "_kw", "Kw_", "kW_"})
    void a_wrong_prefix_is_rejected_even_with_a_valid_body_and_checksum(String prefix) {
        String body = "abcdefghijklmnopqrstuvwxyz0123";
        String text = prefix + body + ReferenceChecksum.of(body);

        assertTrue(TokenValue.tryParse(text).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(text));
        assertTrue(e.getMessage().contains("kw_"), e.getMessage());
    }

    @ParameterizedTest(name = "body of {0} characters")
    @ValueSource(ints = {0, 1, 29, 31, 40})
    void a_body_of_the_wrong_length_is_rejected_even_with_its_own_checksum(int length) {
        String body = "a".repeat(length);
        String text = "kw_" + body + ReferenceChecksum.of(body);

        assertTrue(TokenValue.tryParse(text).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(text));
        assertTrue(e.getMessage().contains("39 characters"), e.getMessage());
    }

    @ParameterizedTest(name = "character ''{0}''")
    @ValueSource(chars = {'-', '_', '+', '/', '=', ' ', '.', 'é', 'Ａ', '٣', '\u0000'})
    void a_character_outside_the_alphabet_is_rejected_even_with_its_own_checksum(char stranger) {
        String body = "abcdefghijklmn" + stranger + "pqrstuvwxyz0123";
        String text = "kw_" + body + "000000";

        assertEquals(30, body.length());
        assertTrue(TokenValue.tryParse(text).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(text));
        assertTrue(e.getMessage().contains("0-9, A-Z and a-z"), e.getMessage());
    }

    @Test
    void a_character_outside_the_alphabet_in_the_checksum_is_rejected() {
        String body = "abcdefghijklmnopqrstuvwxyz0123";

        assertTrue(TokenValue.tryParse("kw_" + body + "2Lol-m").isEmpty());
    }

    @Test
    void a_wrong_checksum_is_rejected_with_a_message_saying_so() {
        String body = "abcdefghijklmnopqrstuvwxyz0123";
        String text = "kw_" + body + "2LolCn";

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(text));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void null_and_empty_are_not_values(String text) {
        assertTrue(TokenValue.tryParse(text).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(text));
    }

    @Test
    void error_messages_never_echo_the_presented_text() {
        String text = TokenValue.generate(new SplittableRandom(5)).reveal();
        String broken = text.substring(0, 38) + (text.charAt(38) == 'a' ? 'b' : 'a');

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenValue.parse(broken));

        assertFalse(e.getMessage().contains(broken.substring(3, 33)), e.getMessage());
    }

    @Test
    void to_string_never_contains_the_secret_not_even_inside_records_that_hold_it() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100; i++) {
            TokenValue value = TokenValue.generate(random);
            String secret = value.reveal().substring(3);

            assertFalse(value.toString().contains(secret));
            assertFalse(value.toString().contains(secret.substring(0, 8)));
            assertFalse(new TokenWithValue(null, value).toString().contains(secret.substring(0, 8)));
            assertFalse(String.valueOf(value).contains(secret.substring(0, 8)));
        }
    }

    @Test
    void values_are_equal_exactly_when_their_text_is() {
        String text = TokenValue.generate(new SplittableRandom(9)).reveal();
        TokenValue other = TokenValue.generate(new SplittableRandom(10));

        assertEquals(TokenValue.parse(text), TokenValue.parse(text));
        assertEquals(TokenValue.parse(text).hashCode(), TokenValue.parse(text).hashCode());
        assertNotEquals(TokenValue.parse(text), other);
        assertNotEquals(TokenValue.parse(text), text);
    }

    @Test
    void every_alphabet_character_appears_and_none_dominates_over_many_generations() {
        SplittableRandom random = new SplittableRandom(1234);
        int[] counts = new int[128];
        int generations = 4_000;
        for (int i = 0; i < generations; i++) {
            String body = TokenValue.generate(random).reveal().substring(3, 33);
            for (char c : body.toCharArray()) {
                counts[c]++;
            }
        }
        double expected = generations * 30.0 / 62;
        for (char c : ReferenceChecksum.ALPHABET.toCharArray()) {
            // ±15% is about 6 standard deviations at this sample size: a biased generator fails, noise does not.
            assertTrue(Math.abs(counts[c] - expected) < expected * 0.15,
                    "'" + c + "' appeared " + counts[c] + " times, expected about " + (int) expected);
        }
    }

    @Test
    void two_generations_from_one_generator_differ() {
        SplittableRandom random = new SplittableRandom(99);
        assertNotEquals(TokenValue.generate(random), TokenValue.generate(random));
    }
}
