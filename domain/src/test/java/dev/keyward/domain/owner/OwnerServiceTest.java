package dev.keyward.domain.owner;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.ConflictException;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.manage.UpdateTokenCommand;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.FieldChange;
import dev.keyward.domain.token.OwnerCreated;
import dev.keyward.domain.token.OwnerDeleted;
import dev.keyward.domain.token.OwnerUpdated;
import dev.keyward.domain.token.OwnerView;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenUpdated;
import dev.keyward.domain.token.TokenValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnerServiceTest {

    private final ServiceFixture f = new ServiceFixture();
    private final OwnerCommands commands = f.fakes.domain.ownerCommands();
    private final OwnerQueries queries = f.fakes.domain.ownerQueries();

    @Test
    void an_owner_is_created_read_and_found_by_its_external_id_and_its_creation_is_an_event() {
        OwnerView acme = commands.create(f.admin, "cus_42", "Acme Corp", "{\"plan\":\"gold\"}");

        assertEquals("cus_42", acme.externalId());
        assertEquals("Acme Corp", acme.name());
        assertEquals(new TokenMeta("{\"plan\":\"gold\"}"), acme.meta());
        assertEquals(acme, queries.get(f.admin, acme.id().toString()));
        assertEquals(List.of(acme), queries.list(f.admin, "cus_42", null, null).results());
        assertEquals(List.of(), queries.list(f.admin, "cus_43", null, null).results());
        assertEquals(new OwnerCreated(acme, ((OwnerCreated) last()).origin()), last());
    }

    @Test
    void a_second_owner_with_the_same_external_id_is_a_conflict_and_a_bad_one_a_400_naming_it() {
        commands.create(f.admin, "team-payments", null, null);

        ConflictException duplicate = assertThrows(ConflictException.class, () -> commands.create(f.admin, "team-payments", "again", null));
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> commands.create(f.admin, "", null, null));
        InvalidInputException tooLong = assertThrows(InvalidInputException.class,
                () -> commands.create(f.admin, "x".repeat(ExternalId.MAX_LENGTH + 1), null, null));
        String value = TokenValue.generate(new SplittableRandom(9)).reveal();
        InvalidInputException secret = assertThrows(InvalidInputException.class, () -> commands.create(f.admin, value, null, null));

        assertTrue(duplicate.getMessage().contains("team-payments"), duplicate.getMessage());
        assertEquals("externalId", empty.field());
        assertEquals("externalId", tooLong.field());
        assertFalse(secret.getMessage().contains(value.substring(3)), "the value is not echoed");
        assertEquals(ExternalId.MAX_LENGTH, commands.create(f.admin, "y".repeat(ExternalId.MAX_LENGTH), null, null).externalId().length());
    }

    @Test
    void an_update_replaces_the_name_and_the_metadata_and_lists_what_changed_and_absent_meta_keeps_it() {
        OwnerView owner = commands.create(f.admin, "svc-reports", "Reports", "{\"tier\":1}");

        OwnerView renamed = commands.update(f.admin, owner.id().toString(), "Reporting", null);
        OwnerView cleared = commands.update(f.admin, owner.id().toString(), null, "{}");

        assertEquals("Reporting", renamed.name());
        assertEquals(new TokenMeta("{\"tier\":1}"), renamed.meta(), "absent meta keeps it");
        assertNull(cleared.name());
        assertEquals(TokenMeta.EMPTY, cleared.meta());
        assertEquals(List.of(new FieldChange("name", "Reporting", null), new FieldChange("meta", new TokenMeta("{\"tier\":1}"), TokenMeta.EMPTY)),
                ((OwnerUpdated) last()).changes());
        assertEquals("svc-reports", cleared.externalId(), "the external id never changes");
    }

    @Test
    void a_token_belongs_to_an_owner_the_check_shows_it_and_an_owner_with_tokens_cannot_be_deleted() {
        OwnerView owner = commands.create(f.admin, "cus_7", "Seven", "{\"plan\":\"pro\"}");
        TokenWithValue token = f.create(new CreateTokenCommand("seven's key", List.of(), null, null, null, null, owner.id().toString()));

        var checked = f.check.check(new CheckRequest(token.value().reveal(), null, PermissionSet.of(), Door.VERIFY));
        ConflictException held = assertThrows(ConflictException.class, () -> commands.delete(f.admin, owner.id().toString()));

        assertEquals(CheckCode.VALID, checked.code());
        assertEquals(owner.asTokenOwner(), checked.token().orElseThrow().owner());
        assertTrue(held.getMessage().contains("1 token"), held.getMessage());
        f.commands.update(f.admin, token.token().id().toString(),
                new UpdateTokenCommand("seven's key", List.of(), null, null, null, new UpdateTokenCommand.OwnerChange(null)));
        assertEquals(new FieldChange("ownerId", owner.id().toString(), null), ((TokenUpdated) last()).changes().get(0));
        commands.delete(f.admin, owner.id().toString());
        assertEquals(OwnerDeleted.class, last().getClass());
        assertThrows(NotFoundException.class, () -> queries.get(f.admin, owner.id().toString()));
    }

    @Test
    void a_token_given_an_owner_that_does_not_exist_is_a_400_naming_owner_id() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> f.create(
                new CreateTokenCommand("orphan", List.of(), null, null, null, null, "0192f0c4-0000-7000-8000-00000000dead")));

        assertEquals("ownerId", e.field());
    }

    @Test
    void writing_owners_needs_the_modify_permission_and_reading_them_the_read_permission_before_any_lookup() {
        Caller reader = f.callerWith(Permission.OrganizationAPITokenRead);
        Caller nobody = f.callerWith();
        OwnerView owner = commands.create(f.admin, "cus_1", null, null);

        assertThrows(ForbiddenException.class, () -> commands.create(reader, "cus_2", null, null));
        assertThrows(ForbiddenException.class, () -> commands.delete(reader, owner.id().toString()));
        assertThrows(ForbiddenException.class, () -> queries.get(nobody, "not-even-an-id"));
        assertEquals(owner, queries.get(reader, owner.id().toString()));
    }

    @Test
    void owners_page_in_creation_order_and_a_bad_cursor_or_limit_is_a_400() {
        for (int i = 0; i < 5; i++) {
            f.clock.set(ServiceFixture.T0.plusMillis(i + 1));
            commands.create(f.admin, "page-" + i, null, null);
        }

        OwnerQueries.Page first = queries.list(f.admin, null, null, 2);
        OwnerQueries.Page second = queries.list(f.admin, null, first.next().orElseThrow(), 2);

        assertEquals(List.of("page-0", "page-1"), first.results().stream().map(OwnerView::externalId).toList());
        assertEquals(List.of("page-2", "page-3"), second.results().stream().map(OwnerView::externalId).toList());
        assertEquals("cursor", assertThrows(InvalidInputException.class, () -> queries.list(f.admin, null, "nope", 2)).field());
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> queries.list(f.admin, null, null, 101)).field());
    }

    @Test
    void tokens_list_by_owner_and_by_enabled_and_a_bulk_delete_by_owner_or_ids_deletes_each_with_its_event() {
        OwnerView owner = commands.create(f.admin, "cus_bulk", null, null);
        List<String> owned = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            f.clock.set(ServiceFixture.T0.plusMillis(i + 1));
            owned.add(f.create(new CreateTokenCommand("o" + i, List.of(), null, null, i == 0 ? false : null, null,
                    owner.id().toString())).token().id().toString());
        }
        TokenWithValue other = f.create("other");

        assertEquals(owned, f.queries.list(f.admin, null, null, new dev.keyward.domain.manage.TokenListFilter(owner.id().toString(), null, null, null)).results().stream()
                .map(token -> token.id().toString()).toList());
        assertEquals(List.of(owned.get(0)), f.queries.list(f.admin, null, null, new dev.keyward.domain.manage.TokenListFilter(null, "false", null, null)).results().stream()
                .map(token -> token.id().toString()).toList());
        assertEquals("enabled", assertThrows(InvalidInputException.class, () -> f.queries.list(f.admin, null, null, new dev.keyward.domain.manage.TokenListFilter(null, "yes", null, null))).field());
        assertEquals("expiresBefore", assertThrows(InvalidInputException.class, () -> f.queries.list(f.admin, null, null,
                new dev.keyward.domain.manage.TokenListFilter(null, null, "tomorrow", null))).field());
        assertEquals(List.of(owned.get(0)), f.queries.list(f.admin, null, null, new dev.keyward.domain.manage.TokenListFilter(
                owner.id().toString(), null, null, "2026-11-02T10:00:00.002Z")).results().stream().map(token -> token.id().toString()).toList(),
                "never used: used when created, and only o0 was created before T0 + 2 ms");
        int events = f.outbox.events().size();

        assertEquals(3, f.commands.bulkDelete(f.admin, new dev.keyward.domain.manage.BulkDeleteCommand(owner.id().toString(), null)));
        assertEquals(3, f.outbox.events().size() - events, "one deleted event each");
        assertEquals(1, f.commands.bulkDelete(f.admin, new dev.keyward.domain.manage.BulkDeleteCommand(null,
                List.of(other.token().id().toString(), owned.get(1)))), "an id of no token deletes nothing");
        assertEquals("body", assertThrows(InvalidInputException.class, () -> f.commands.bulkDelete(f.admin,
                new dev.keyward.domain.manage.BulkDeleteCommand(owner.id().toString(), List.of(owned.get(0))))).field());
        assertEquals("ids", assertThrows(InvalidInputException.class, () -> f.commands.bulkDelete(f.admin,
                new dev.keyward.domain.manage.BulkDeleteCommand(null, List.of("nope")))).field());
        assertThrows(ForbiddenException.class, () -> f.commands.bulkDelete(f.callerWith(Permission.OrganizationAPITokenRead),
                new dev.keyward.domain.manage.BulkDeleteCommand(null, List.of(owned.get(0)))));
    }

    @Test
    void a_bulk_delete_that_names_the_callers_own_token_deletes_it_too_with_the_others() {
        Caller caller = f.callerWith(Permission.OrganizationAPITokenModify);
        TokenWithValue other = f.create("other");

        assertEquals(2, f.commands.bulkDelete(caller, new dev.keyward.domain.manage.BulkDeleteCommand(null,
                List.of(caller.tokenId().toString(), other.token().id().toString()))));
        assertTrue(f.tokens.findById(caller.tokenId()).isEmpty());
        assertTrue(f.tokens.findById(other.token().id()).isEmpty());
    }

    @Test
    void an_owner_event_keeps_its_order_by_the_owner_in_the_outbox() {
        OwnerView owner = commands.create(f.admin, "ordered", null, null);

        assertEquals(owner.id().value(), new dev.keyward.domain.audit.PendingAuditEvent(1, java.util.UUID.randomUUID(),
                (OwnerCreated) last()).tokenId().value());
    }

    private Object last() {
        return f.fakes.outbox.allEvents().get(f.fakes.outbox.allEvents().size() - 1);
    }
}
