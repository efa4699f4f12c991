package dev.keyward.domain.manage;

import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.token.TokenId;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageRequestTest {

    private static final TokenId ID = TokenId.parse("0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b");

    @Test
    void no_cursor_and_no_limit_is_the_first_page_of_the_default_size() {
        PageRequest first = PageRequest.parse(null, null);

        assertNull(first.after());
        assertEquals(PageRequest.DEFAULT_SIZE, first.size());
        assertEquals(PageRequest.DEFAULT_SIZE + 1, first.fetchSize());
    }

    @Test
    void a_cursor_this_api_handed_out_reads_back_as_the_id_it_encodes() {
        assertEquals(ID, PageRequest.parse(PageRequest.encodeCursor(ID), 10).after());
    }

    @Test
    void a_limit_outside_one_to_a_hundred_or_a_foreign_cursor_is_invalid_input() {
        assertEquals("limit must be between 1 and 100, not 0",
                assertThrows(InvalidInputException.class, () -> PageRequest.parse(null, 0)).getMessage());
        assertEquals("limit must be between 1 and 100, not 101",
                assertThrows(InvalidInputException.class, () -> PageRequest.parse(null, 101)).getMessage());
        assertEquals("cursor is not one this API returned as 'next'",
                assertThrows(InvalidInputException.class, () -> PageRequest.parse(ID.toString(), null)).getMessage());
    }
}
