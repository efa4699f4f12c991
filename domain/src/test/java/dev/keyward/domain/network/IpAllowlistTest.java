package dev.keyward.domain.network;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAllowlistTest {

    private static final String FIELD = "allowedCIDRBlocks";

    @Test
    void no_list_or_an_empty_list_permits_every_address() {
        for (IpAllowlist any : List.of(IpAllowlist.parse(FIELD, null), IpAllowlist.parse(FIELD, List.of()), IpAllowlist.anyAddress())) {
            assertTrue(any.permits(IpAddress.parse("0.0.0.0")));
            assertTrue(any.permits(IpAddress.parse("2001:db8::1")));
            assertEquals(List.of(), any.texts());
            assertEquals(IpAllowlist.anyAddress(), any);
        }
    }

    @Test
    void an_address_is_permitted_when_any_block_contains_it() {
        IpAllowlist allowlist = IpAllowlist.parse(FIELD, List.of("10.0.0.0/8", "192.0.2.7/32", "2001:db8::/32"));

        assertTrue(allowlist.permits(IpAddress.parse("10.9.8.7")));
        assertTrue(allowlist.permits(IpAddress.parse("192.0.2.7")));
        assertTrue(allowlist.permits(IpAddress.parse("::ffff:192.0.2.7")));
        assertTrue(allowlist.permits(IpAddress.parse("2001:db8:1::1")));
        assertFalse(allowlist.permits(IpAddress.parse("192.0.2.8")));
        assertFalse(allowlist.permits(IpAddress.parse("2001:db9::1")));
        assertFalse(allowlist.permits(IpAddress.parse("::1")));
    }

    @Test
    void an_unknown_address_passes_only_an_unrestricted_list() {
        assertTrue(IpAllowlist.anyAddress().permits(null));
        assertFalse(IpAllowlist.parse(FIELD, List.of("0.0.0.0/0", "::/0")).permits(null));
    }

    @Test
    void blocks_keep_their_order_in_canonical_form() {
        IpAllowlist allowlist = IpAllowlist.parse(FIELD, List.of("2001:DB8:0::/48", "10.0.0.0/8"));

        assertEquals(List.of("2001:db8::/48", "10.0.0.0/8"), allowlist.texts());
    }

    @Test
    void a_duplicate_block_is_rejected_naming_the_field_and_the_block() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IpAllowlist.parse(FIELD, List.of("10.0.0.0/8", "192.0.2.0/24", "10.0.0.0/8")));

        assertEquals(FIELD, e.field());
        assertTrue(e.getMessage().contains("'10.0.0.0/8'"), e.getMessage());
        assertTrue(e.getMessage().contains(FIELD), e.getMessage());
    }

    @Test
    void two_spellings_of_one_block_are_duplicates() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IpAllowlist.parse(FIELD, List.of("2001:DB8::/32", "2001:0db8:0:0::/32")));

        assertEquals(FIELD, e.field());
        assertTrue(e.getMessage().contains("'2001:db8::/32'"), e.getMessage());
    }

    @Test
    void a_hundred_blocks_are_accepted_and_a_hundred_and_one_are_not() {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            blocks.add("10." + i + ".0.0/16");
        }

        assertEquals(100, IpAllowlist.parse(FIELD, blocks.subList(0, 100)).blocks().size());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> IpAllowlist.parse(FIELD, blocks));
        assertEquals(FIELD, e.field());
        assertTrue(e.getMessage().contains(FIELD), e.getMessage());
        assertTrue(e.getMessage().contains("100"), e.getMessage());
    }

    @Test
    void a_bad_block_is_rejected_naming_the_field_and_the_block() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IpAllowlist.parse(FIELD, List.of("10.0.0.0/8", "10.1.2.3/8")));

        assertEquals(FIELD, e.field());
        assertTrue(e.getMessage().contains(FIELD), e.getMessage());
        assertTrue(e.getMessage().contains("'10.1.2.3/8'"), e.getMessage());
        assertTrue(e.getMessage().contains("'10.0.0.0/8'"), "suggests the network: " + e.getMessage());
    }

    @Test
    void a_null_entry_is_rejected_as_invalid_input_not_a_crash() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> IpAllowlist.parse(FIELD, Collections.singletonList(null)));

        assertEquals(FIELD, e.field());
    }

    @Test
    void the_record_itself_refuses_duplicates_and_oversize_lists_and_cannot_be_changed() {
        CidrBlock block = CidrBlock.parse("10.0.0.0/8");
        List<CidrBlock> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(CidrBlock.parse("10." + i + ".0.0/16"));
        }
        List<CidrBlock> source = new ArrayList<>(List.of(block));
        IpAllowlist allowlist = new IpAllowlist(source);
        source.add(CidrBlock.parse("::/0"));

        assertThrows(IllegalArgumentException.class, () -> new IpAllowlist(Arrays.asList(block, block)));
        assertThrows(IllegalArgumentException.class, () -> new IpAllowlist(many));
        assertEquals(1, allowlist.blocks().size());
        assertThrows(UnsupportedOperationException.class, () -> allowlist.blocks().add(block));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "[{0}] covers [{1}]: {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
            "; ; true",
            "; 10.0.0.0/8; true",
            "10.0.0.0/8; ; false",
            "10.0.0.0/8; 10.1.0.0/16; true",
            "10.0.0.0/8; 10.0.0.0/8; true",
            "10.0.0.0/8; 10.0.0.0/7; false",
            "10.0.0.0/8; 11.0.0.0/8; false",
            "10.0.0.0/8, 192.0.2.0/24; 192.0.2.7/32, 10.9.0.0/16; true",
            "10.0.0.0/8; 10.1.0.0/16, 192.0.2.0/24; false",
            "2001:db8::/32; 2001:db8:ff::/48; true",
            "2001:db8::/32; 2001:db9::/48; false",
            "0.0.0.0/0; 2001:db8::/32; false",
            "::/0; 10.0.0.0/8; false",
    })
    void one_allowlist_covers_another_when_every_address_it_permits_is_permitted(String outer, String inner, boolean covers) {
        assertEquals(covers, list(outer).covers(list(inner)));
    }

    private static IpAllowlist list(String blocks) {
        return IpAllowlist.parse("allowedCIDRBlocks", blocks == null ? List.of()
                : java.util.Arrays.stream(blocks.split(",")).map(String::trim).toList());
    }
}
