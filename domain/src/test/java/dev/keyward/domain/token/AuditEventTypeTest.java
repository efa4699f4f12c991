package dev.keyward.domain.token;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CloudEvent types are a published contract: renaming a Java constant must not change them. */
class AuditEventTypeTest {

    @Test
    void the_wire_types_are_exactly_the_published_ones() {
        assertEquals(List.of("dev.keyward.api-token.created", "dev.keyward.api-token.updated",
                        "dev.keyward.api-token.rotated", "dev.keyward.api-token.deleted",
                        "dev.keyward.api-token.expiring", "dev.keyward.api-token.expired",
                        "dev.keyward.api-token.rotation-due", "dev.keyward.api-token.leaked",
                        "dev.keyward.api-token.reused", "dev.keyward.security.auth-failures",
                        "dev.keyward.owner.created", "dev.keyward.owner.updated", "dev.keyward.owner.deleted"),
                Arrays.stream(AuditEventType.values()).map(AuditEventType::cloudEventType).toList());
    }

    @Test
    void a_stored_wire_name_reads_back_and_an_unknown_one_does_not() {
        assertEquals(Optional.of(AuditEventType.DELETED), AuditEventType.fromWireName("deleted"));
        assertEquals(Optional.of(AuditEventType.AUTH_FAILURES), AuditEventType.fromWireName("auth-failures"));
        assertEquals(Optional.empty(), AuditEventType.fromWireName("revoked"));
    }
}
