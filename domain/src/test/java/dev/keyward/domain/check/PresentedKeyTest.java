package dev.keyward.domain.check;

import dev.keyward.domain.error.UnauthenticatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PresentedKeyTest {

    private static final String KEY = "kw_key-one";
    private static final String OTHER = "kw_key-two";

    @Test
    void the_x_api_key_header_presents_its_key() {
        assertEquals(KEY, PresentedKey.from(List.of(KEY), List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer kw_key-one", "bearer kw_key-one", "BEARER   kw_key-one", "Bearer kw_key-one "})
    void a_bearer_credential_presents_its_key_whatever_the_scheme_case(String authorization) {
        assertEquals(KEY, PresentedKey.from(List.of(), List.of(authorization)));
    }

    @Test
    void the_same_key_in_both_places_is_one_key() {
        assertEquals(KEY, PresentedKey.from(List.of(KEY), List.of("Bearer " + KEY)));
    }

    @Test
    void two_different_keys_are_refused() {
        assertThrows(UnauthenticatedException.class, () -> PresentedKey.from(List.of(KEY), List.of("Bearer " + OTHER)));
    }

    @Test
    void several_x_api_key_headers_are_refused_even_when_equal() {
        assertThrows(UnauthenticatedException.class, () -> PresentedKey.from(List.of(KEY, KEY), List.of()));
    }

    @Test
    void several_bearer_credentials_are_refused() {
        assertThrows(UnauthenticatedException.class, () -> PresentedKey.from(List.of(), List.of("Bearer " + KEY, "Bearer " + KEY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearerkw_key-two", "Negotiate abc", ""})
    void another_authorization_scheme_is_ignored(String authorization) {
        assertEquals(KEY, PresentedKey.from(List.of(KEY), List.of(authorization)));
        assertNull(PresentedKey.from(List.of(), List.of(authorization)));
    }

    @Test
    void a_bearer_scheme_without_credentials_presents_an_empty_key_which_the_check_refuses_as_malformed() {
        assertEquals("", PresentedKey.from(List.of(), List.of("Bearer")));
    }

    @Test
    void no_header_presents_no_key() {
        assertNull(PresentedKey.from(List.of(), List.of()));
    }

    @Test
    void the_challenge_names_both_ways_as_two_rfc_7235_challenges() {
        assertEquals("Bearer realm=\"keyward\", ApiKey header=\"X-API-Key\"", PresentedKey.CHALLENGE);
    }
}
