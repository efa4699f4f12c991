package dev.keyward.domain.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenIdTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30.123Z");

    @Test
    void new_ids_are_uuid_version_7_with_the_rfc_variant_and_the_creation_millisecond() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            UUID uuid = TokenId.newId(NOW, random).value();

            assertEquals(7, uuid.version());
            assertEquals(2, uuid.variant());
            assertEquals(NOW.toEpochMilli(), uuid.getMostSignificantBits() >>> 16);
        }
    }

    @Test
    void ids_from_later_instants_sort_later_whatever_the_random_bits() {
        SplittableRandom random = new SplittableRandom(2);
        List<TokenId> created = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            created.add(TokenId.newId(NOW.plusMillis(i * 37L), random));
        }
        List<TokenId> shuffled = new ArrayList<>(created);
        Collections.shuffle(shuffled, new java.util.Random(3));
        Collections.sort(shuffled);

        assertEquals(created, shuffled);
    }

    @Test
    void ordering_agrees_with_the_canonical_text_so_keyset_pagination_is_stable() {
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 1_000; i++) {
            TokenId a = TokenId.newId(NOW.plusMillis(random.nextInt(1_000)), random);
            TokenId b = TokenId.newId(NOW.plusMillis(random.nextInt(1_000)), random);

            assertEquals(Integer.signum(a.toString().compareTo(b.toString())), Integer.signum(a.compareTo(b)));
            assertEquals(a.equals(b), a.compareTo(b) == 0);
        }
    }

    @Test
    void ids_within_one_millisecond_are_still_unique() {
        SplittableRandom random = new SplittableRandom(5);
        Set<TokenId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(TokenId.newId(NOW, random)));
        }
    }

    @Test
    void an_id_round_trips_through_its_canonical_text() {
        TokenId id = TokenId.newId(NOW, new SplittableRandom(6));
        String text = id.toString();

        assertEquals(36, text.length());
        assertEquals(text.toLowerCase(), text);
        assertEquals(id, TokenId.parse(text));
        assertEquals(id, TokenId.tryParse(text).orElseThrow());
    }

    @Test
    void an_upper_case_id_names_no_token() {
        String text = TokenId.newId(NOW, new SplittableRandom(7)).toString().toUpperCase();

        assertTrue(TokenId.tryParse(text).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> TokenId.parse(text));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {
            "self",
            "1-1-1-1-1",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b0",
            "0190a5b27c3d7e4f8a1b2c3d4e5f6a7b",
            "{0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b}",
            "0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7g",
            " 0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7",
            "0190a5b2-7c3d-7e4f-8a1b+2c3d4e5f6a7b",
            "00000000001-0000-0000-0000-00000000",
    })
    void anything_but_the_canonical_lower_case_form_is_not_an_id(String text) {
        assertTrue(TokenId.tryParse(text).isEmpty());
    }

    @Test
    void a_null_uuid_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> new TokenId(null));
    }
}
