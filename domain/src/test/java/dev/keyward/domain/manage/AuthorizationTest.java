package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static dev.keyward.domain.fake.ServiceFixture.names;
import static dev.keyward.domain.permission.Permission.AlertRead;
import static dev.keyward.domain.permission.Permission.OrganizationAPITokenModify;
import static dev.keyward.domain.permission.Permission.OrganizationAPITokenRead;
import static dev.keyward.domain.permission.Permission.RuleModify;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizationTest {

    private final ServiceFixture f = new ServiceFixture();

    /** Each use case, applied to a token reference, with the permission it needs. */
    enum UseCase {
        GET(OrganizationAPITokenRead, (s, c) -> s.queries.get(c.caller, c.ref)),
        LIST(OrganizationAPITokenRead, (s, c) -> s.queries.list(c.caller, null, null)),
        CREATE(OrganizationAPITokenModify, (s, c) -> s.commands.create(c.caller, new CreateTokenCommand("new", List.of(), null, null))),
        UPDATE(OrganizationAPITokenModify, (s, c) -> s.commands.update(c.caller, c.ref, new UpdateTokenCommand("renamed", List.of(), null))),
        DELETE(OrganizationAPITokenModify, (s, c) -> s.commands.delete(c.caller, c.ref)),
        ROTATE_OTHER(OrganizationAPITokenModify, (s, c) -> s.commands.rotate(c.caller, c.ref));

        final Permission needed;
        final BiConsumer<ServiceFixture, Call> action;

        UseCase(Permission needed, BiConsumer<ServiceFixture, Call> action) {
            this.needed = needed;
            this.action = action;
        }
    }

    record Call(Caller caller, String ref) {
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UseCase.class)
    void a_caller_without_the_needed_permission_is_forbidden_naming_it(UseCase useCase) {
        String target = f.create("target").token().id().toString();
        Permission other = useCase.needed == OrganizationAPITokenRead ? OrganizationAPITokenModify : OrganizationAPITokenRead;
        Caller caller = f.callerWith(other, AlertRead);
        int events = f.outbox.events().size();

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> useCase.action.accept(f, new Call(caller, target)));

        assertEquals(useCase.needed.name(), e.permission());
        assertTrue(e.getMessage().contains(useCase.needed.name()), e.getMessage());
        assertEquals(events, f.outbox.events().size());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UseCase.class)
    void a_caller_with_the_needed_permission_may_proceed(UseCase useCase) {
        String target = f.create("target").token().id().toString();
        Caller caller = f.callerWith(useCase.needed);

        useCase.action.accept(f, new Call(caller, target));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = UseCase.class, names = {"GET", "UPDATE", "DELETE", "ROTATE_OTHER"})
    void the_permission_check_comes_before_any_lookup_so_ids_cannot_be_probed(UseCase useCase) {
        String existing = f.create("target").token().id().toString();
        String missing = TokenId.newId(Instant.EPOCH, new SplittableRandom(1)).toString();
        Caller caller = f.callerWith();
        int lookups = f.tokens.lookupsById.get();

        for (String ref : List.of(existing, missing, "not-an-id")) {
            ForbiddenException e = assertThrows(ForbiddenException.class, () -> useCase.action.accept(f, new Call(caller, ref)));
            assertEquals(useCase.needed.name(), e.permission());
        }
        assertEquals(lookups, f.tokens.lookupsById.get());
    }

    @Test
    void the_permission_check_comes_before_validation() {
        Caller caller = f.callerWith(OrganizationAPITokenRead);

        assertThrows(ForbiddenException.class, () -> f.commands.create(caller, new CreateTokenCommand("", List.of("nope"), List.of("x"), "y")));
        assertThrows(ForbiddenException.class, () -> f.commands.update(caller, "self", new UpdateTokenCommand(null, null, List.of("x"))));
        assertThrows(ForbiddenException.class, () -> f.queries.list(f.callerWith(), "garbage", -1));
    }

    @ParameterizedTest(name = "self given as ''{0}''")
    @ValueSource(strings = {"self", "own-id"})
    void any_live_token_may_rotate_itself_without_any_permission(String how) {
        TokenWithValue issued = f.create("lonely");
        Caller caller = f.authenticate(issued.value());
        String ref = how.equals("own-id") ? issued.token().id().toString() : TokenRef.SELF;

        TokenWithValue rotated = f.rotate(caller, ref);

        assertEquals(issued.token().id(), rotated.token().id());
        assertNotEquals(issued.value(), rotated.value());
        assertEquals(f.authenticate(rotated.value()).tokenId(), issued.token().id());
    }

    @Test
    void a_token_with_nothing_may_not_rotate_another_token() {
        String other = f.create("other").token().id().toString();
        Caller caller = f.callerWith();

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> f.commands.rotate(caller, other));
        assertEquals(OrganizationAPITokenModify.name(), e.permission());
    }

    @Test
    void every_live_token_may_read_itself_by_self_or_by_its_id_like_whoami() {
        Caller narrow = f.callerWith();

        assertEquals(narrow.tokenId(), f.queries.get(narrow, "self").id());
        assertEquals(narrow.tokenId(), f.queries.get(narrow, narrow.tokenId().toString()).id());
    }

    @Test
    void reading_another_token_still_needs_the_read_permission() {
        Caller narrow = f.callerWith(OrganizationAPITokenModify);

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> f.queries.get(narrow, f.admin.tokenId().toString()));
        assertEquals(OrganizationAPITokenRead.name(), e.permission());
        assertThrows(ForbiddenException.class, () -> f.queries.get(narrow, "00000000-0000-7000-8000-000000000000"),
                "refused before any lookup: an unknown id is not told apart");
    }

    @Test
    void reading_yourself_from_your_check_needs_no_permission() {
        Caller narrow = f.callerWith();
        Caller reader = f.callerWith(OrganizationAPITokenRead);
        TokenView narrowView = f.queries.get(f.admin, narrow.tokenId().toString());

        assertEquals(narrowView, f.queries.self(narrow, narrowView));
        assertThrows(IllegalArgumentException.class, () -> f.queries.self(reader, narrowView), "only the caller's own view");
    }

    @Test
    void a_caller_cannot_create_a_token_with_a_permission_it_does_not_hold() {
        Caller caller = f.callerWith(OrganizationAPITokenModify, AlertRead);
        int stored = f.tokens.size();
        int events = f.outbox.events().size();

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> f.commands.create(caller,
                new CreateTokenCommand("escalate", names(AlertRead, RuleModify), null, null)));

        assertEquals(RuleModify.name(), e.permission());
        assertTrue(e.getMessage().contains("RuleModify"), e.getMessage());
        assertEquals(stored, f.tokens.size());
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    void a_caller_may_create_a_token_with_a_subset_of_its_own_permissions() {
        Caller caller = f.callerWith(OrganizationAPITokenModify, AlertRead, RuleModify);

        TokenWithValue issued = f.commands.create(caller, new CreateTokenCommand("narrow", names(AlertRead), null, null));

        assertEquals(List.of("AlertRead"), issued.token().permissions().names());
        assertEquals(caller.actor(), issued.token().createdBy());
    }

    @Test
    void a_caller_cannot_grant_by_update_a_permission_it_does_not_hold() {
        Caller caller = f.callerWith(OrganizationAPITokenModify);
        String target = f.create("target").token().id().toString();

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> f.commands.update(caller, target, new UpdateTokenCommand("target", names(RuleModify), null)));

        assertEquals(RuleModify.name(), e.permission());
        assertEquals(List.of(), f.queries.get(f.admin, target).permissions().names());
    }

    @Test
    void a_caller_cannot_update_a_token_that_holds_a_permission_it_lacks_even_to_shrink_it() {
        Caller caller = f.callerWith(OrganizationAPITokenModify);
        String target = f.create("powerful", RuleModify).token().id().toString();

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> f.commands.update(caller, target, new UpdateTokenCommand("tamed", List.of(), null)));

        assertEquals(RuleModify.name(), e.permission());
        assertEquals("powerful", f.queries.get(f.admin, target).name().value());
    }

    @Test
    void a_caller_cannot_rotate_a_more_powerful_token_and_so_cannot_take_it_over() {
        Caller caller = f.callerWith(OrganizationAPITokenModify);
        TokenWithValue target = f.create("powerful", OrganizationAPITokenModify, RuleModify);
        int events = f.outbox.events().size();

        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> f.commands.rotate(caller, target.token().id().toString()));

        assertEquals(RuleModify.name(), e.permission());
        assertEquals(target.token().id(), f.authenticate(target.value()).tokenId());
        assertEquals(events, f.outbox.events().size());
    }

    @Test
    void a_caller_may_rotate_a_token_whose_permissions_it_holds() {
        Caller caller = f.callerWith(OrganizationAPITokenModify, AlertRead);
        TokenWithValue target = f.create("weaker", AlertRead);

        TokenWithValue rotated = f.rotate(caller, target.token().id().toString());

        assertEquals(target.token().id(), f.authenticate(rotated.value()).tokenId());
    }

    @Test
    void an_unknown_id_is_not_found_once_the_caller_is_allowed_to_ask() {
        Caller caller = f.callerWith(OrganizationAPITokenRead, OrganizationAPITokenModify);
        String missing = TokenId.newId(Instant.EPOCH, new SplittableRandom(2)).toString();

        assertThrows(NotFoundException.class, () -> f.queries.get(caller, missing));
        assertThrows(NotFoundException.class, () -> f.commands.rotate(caller, missing));
        assertThrows(NotFoundException.class, () -> f.commands.delete(caller, missing));
        assertThrows(NotFoundException.class, () -> f.commands.update(caller, missing, new UpdateTokenCommand("x", List.of(), null)));
    }
}
