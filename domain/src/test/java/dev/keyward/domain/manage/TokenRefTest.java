package dev.keyward.domain.manage;

import dev.keyward.domain.token.TokenId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRefTest {

    private static final TokenId CALLER = TokenId.parse("0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b");

    @Test
    void self_and_the_callers_own_id_both_name_the_caller() {
        assertInstanceOf(TokenRef.Self.class, TokenRef.parse("self"));
        assertTrue(TokenRef.parse("self").isSelf(CALLER));
        assertTrue(TokenRef.parse(CALLER.toString()).isSelf(CALLER));
        assertEquals(Optional.of(CALLER), TokenRef.parse("self").resolve(CALLER));
    }

    @Test
    void an_upper_case_id_or_self_names_no_token_at_all() {
        assertFalse(TokenRef.parse("SELF").isSelf(CALLER));
        assertEquals(Optional.empty(), TokenRef.parse(CALLER.toString().toUpperCase()).resolve(CALLER));
    }

    @Test
    void not_found_echoes_the_id_unless_it_may_be_a_pasted_token_value() {
        assertEquals("no API token with id 'nope'", TokenRef.parse("nope").notFound().getMessage());
        assertFalse(TokenRef.parse("kw_secretlooking").notFound().getMessage().contains("secretlooking"));
    }
}
