package dev.keyward.domain.permission;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionTest {

    /** The enum of the permissions property in api-tokens.openapi.json, copied literally and in its order. */
    static final List<String> SPEC_NAMES = List.of(
            "AIRunAsModify", "AlertModify", "AlertRead", "BulkUpload", "BulkUploadValidate",
            "CloudsecSourceModify", "CloudsecSourceRead", "DataAnalyticsModify", "DataAnalyticsRead",
            "DestinationModify", "DestinationRead", "GeneralSettingsModify", "GeneralSettingsRead",
            "LogSourceModify", "LogSourceRawDataRead", "LogSourceRead", "LookupModify", "LookupRead",
            "ManageAIResponses", "ManageAISkills", "McpServerModify", "McpServerRead", "NotificationsSend",
            "OrganizationAPITokenModify", "OrganizationAPITokenRead", "PolicyModify", "PolicyRead",
            "ResourceModify", "ResourceRead", "RuleModify", "RuleRead", "RunPantherAI", "SummaryRead",
            "UserModify", "UserRead", "ViewAIPrivateResponses", "ViewAISkills");

    @Test
    void there_are_exactly_the_37_permissions_of_the_spec_in_its_order() {
        assertEquals(37, SPEC_NAMES.size());
        assertEquals(SPEC_NAMES, Arrays.stream(Permission.values()).map(Enum::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.keyward.domain.permission.PermissionTest#specNames")
    void every_spec_name_is_found_exactly_as_spelled(String name) {
        assertEquals(name, Permission.named(name).orElseThrow().name());
    }

    static List<String> specNames() {
        return SPEC_NAMES;
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"alertread", "ALERTREAD", "Alertread", "AlertRead ", " AlertRead", "Alert Read",
            "AlertReads", "OrganizationApiTokenRead", "Admin", "*", "", "AIRunAsModify\u0000"})
    void lookup_is_exact_and_case_sensitive(String name) {
        assertTrue(Permission.named(name).isEmpty());
    }

    @Test
    void a_null_name_is_no_permission() {
        assertTrue(Permission.named(null).isEmpty());
    }

    @Test
    void parsing_keeps_every_named_permission_and_reports_them_in_spec_order() {
        PermissionSet set = PermissionSet.parse("permissions", List.of("UserRead", "AlertRead", "AIRunAsModify"));

        assertEquals(List.of("AIRunAsModify", "AlertRead", "UserRead"), set.names());
        assertTrue(set.contains(Permission.UserRead));
    }

    @Test
    void all_37_names_parse_into_the_full_set() {
        assertEquals(PermissionSet.all(), PermissionSet.parse("permissions", SPEC_NAMES));
        assertEquals(SPEC_NAMES, PermissionSet.all().names());
    }

    @Test
    void an_empty_list_is_an_empty_set() {
        PermissionSet empty = PermissionSet.parse("permissions", List.of());

        assertEquals(PermissionSet.of(), empty);
        assertEquals(List.of(), empty.names());
    }

    @Test
    void an_unknown_name_is_rejected_naming_the_field_and_the_name() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PermissionSet.parse("permissions", List.of("AlertRead", "alertmodify")));

        assertEquals("permissions", e.field());
        assertTrue(e.getMessage().contains("'alertmodify'"), e.getMessage());
        assertTrue(e.getMessage().contains("permissions"), e.getMessage());
    }

    @Test
    void a_duplicate_name_is_rejected_naming_the_field_and_the_name() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PermissionSet.parse("permissions", List.of("RuleRead", "AlertRead", "RuleRead")));

        assertEquals("permissions", e.field());
        assertTrue(e.getMessage().contains("'RuleRead'"), e.getMessage());
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void a_missing_list_is_rejected_naming_the_field() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PermissionSet.parse("permissions", null));

        assertEquals("permissions", e.field());
    }

    @Test
    void a_null_entry_is_an_unknown_permission_not_a_crash() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PermissionSet.parse("permissions", Collections.singletonList(null)));

        assertEquals("permissions", e.field());
    }

    @Test
    void a_set_is_immutable_and_independent_of_its_source() {
        EnumSet<Permission> source = EnumSet.of(Permission.AlertRead);
        PermissionSet set = new PermissionSet(source);
        source.add(Permission.AlertModify);

        assertEquals(Set.of(Permission.AlertRead), set.permissions());
        assertThrows(UnsupportedOperationException.class, () -> set.permissions().add(Permission.UserRead));
    }

    @Test
    void first_missing_names_a_permission_the_holder_lacks_or_nothing() {
        PermissionSet holder = PermissionSet.of(Permission.AlertRead, Permission.RuleRead);

        assertTrue(holder.firstMissingFrom(PermissionSet.of(Permission.RuleRead)).isEmpty());
        assertTrue(holder.firstMissingFrom(PermissionSet.of()).isEmpty());
        assertEquals(Permission.UserRead,
                holder.firstMissingFrom(PermissionSet.of(Permission.AlertRead, Permission.UserRead)).orElseThrow());
        assertTrue(PermissionSet.all().firstMissingFrom(PermissionSet.all()).isEmpty());
    }

    @Test
    void sets_with_the_same_members_are_equal_whatever_the_order_given() {
        assertEquals(PermissionSet.of(Permission.UserRead, Permission.AlertRead),
                PermissionSet.parse("permissions", List.of("AlertRead", "UserRead")));
    }
}
