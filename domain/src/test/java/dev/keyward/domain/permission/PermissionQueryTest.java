package dev.keyward.domain.permission;

import dev.keyward.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;
import java.util.List;

import static dev.keyward.domain.permission.Permission.AlertModify;
import static dev.keyward.domain.permission.Permission.AlertRead;
import static dev.keyward.domain.permission.Permission.RuleRead;
import static dev.keyward.domain.permission.Permission.UserRead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermissionQueryTest {

    @Test
    void and_binds_tighter_than_or() {
        PermissionQuery query = PermissionQuery.parse("permissions", "AlertRead OR RuleRead AND UserRead");

        assertTrue(query.isSatisfiedBy(PermissionSet.of(AlertRead)), "AlertRead OR (RuleRead AND UserRead)");
        assertFalse(query.isSatisfiedBy(PermissionSet.of(RuleRead)));
        assertTrue(query.isSatisfiedBy(PermissionSet.of(RuleRead, UserRead)));
    }

    @Test
    void parentheses_group() {
        PermissionQuery query = PermissionQuery.parse("permissions", "(AlertRead OR RuleRead) AND UserRead");

        assertFalse(query.isSatisfiedBy(PermissionSet.of(AlertRead)));
        assertTrue(query.isSatisfiedBy(PermissionSet.of(AlertRead, UserRead)));
        assertTrue(query.isSatisfiedBy(PermissionSet.of(RuleRead, UserRead)));
    }

    @Test
    void keywords_in_any_case_and_parentheses_without_spaces() {
        PermissionQuery query = PermissionQuery.parse("permissions", "AlertRead and(RuleRead or UserRead)");

        assertEquals(PermissionQuery.parse("permissions", "AlertRead AND (RuleRead OR UserRead)"), query);
    }

    @Test
    void missing_names_every_permission_of_the_query_not_held_and_nothing_when_satisfied() {
        PermissionQuery query = PermissionQuery.parse("permissions", "AlertRead AND (RuleRead OR UserRead)");

        assertEquals(PermissionSet.of(AlertRead, RuleRead, UserRead), query.missingFrom(PermissionSet.of(AlertModify)));
        assertEquals(PermissionSet.of(RuleRead, UserRead), query.missingFrom(PermissionSet.of(AlertRead)));
        assertEquals(PermissionSet.of(), query.missingFrom(PermissionSet.of(AlertRead, UserRead)));
    }

    @Test
    void a_list_requires_all_and_nothing_requires_nothing() {
        PermissionQuery all = PermissionQuery.allOf(PermissionSet.of(AlertRead, RuleRead));

        assertFalse(all.isSatisfiedBy(PermissionSet.of(AlertRead)));
        assertEquals(PermissionSet.of(RuleRead), all.missingFrom(PermissionSet.of(AlertRead)));
        assertTrue(PermissionQuery.none().isSatisfiedBy(PermissionSet.of()));
        assertEquals(PermissionSet.of(), PermissionQuery.none().names());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|is empty",
            "'   '|is empty",
            "AlertRead AND|ends where a permission",
            "AND AlertRead|'AND' where a permission",
            "AlertRead RuleRead|'RuleRead' where AND, OR or the end",
            "(AlertRead|opens a '('",
            "AlertRead)|')' where AND, OR or the end",
            "()|')' where a permission",
            "AlertRead OR OR RuleRead|'OR' where a permission",
            "Alert*|wildcard 'Alert*'",
            "*|wildcard '*'",
            "NoSuchPermission|unknown permission 'NoSuchPermission'"})
    void a_malformed_query_is_refused_naming_the_field(String text, String why) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> PermissionQuery.parse("permissions", text));

        assertEquals("permissions", refused.field());
        assertTrue(refused.getMessage().contains("permissions"), refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @Test
    void at_most_fifty_names_and_five_levels() {
        String fifty = String.join(" OR ", Collections.nCopies(50, "AlertRead"));
        assertTrue(PermissionQuery.parse("permissions", fifty).isSatisfiedBy(PermissionSet.of(AlertRead)));
        assertTrue(assertThrows(InvalidInputException.class, () -> PermissionQuery.parse("permissions", fifty + " OR RuleRead"))
                .getMessage().contains("more than 50"));

        String five = "(".repeat(5) + "AlertRead" + ")".repeat(5);
        assertTrue(PermissionQuery.parse("permissions", five).isSatisfiedBy(PermissionSet.of(AlertRead)));
        assertTrue(assertThrows(InvalidInputException.class, () -> PermissionQuery.parse("permissions", "(" + five + ")"))
                .getMessage().contains("more than 5 levels"));
    }

    @Test
    void names_are_those_of_the_query() {
        assertEquals(List.of(AlertRead, RuleRead, UserRead),
                List.copyOf(PermissionQuery.parse("permissions", "UserRead OR (RuleRead AND AlertRead) OR UserRead").names().permissions()));
    }
}
