package dev.keyward.domain.manage;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.fake.CountingTokens;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryDomain;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.fake.ServiceFixture;
import dev.keyward.domain.fake.TestClock;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenCreated;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;
import dev.keyward.domain.wiring.KeywardDomain;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.SplittableRandom;

import static dev.keyward.domain.fake.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    private final CountingTokens tokens = new CountingTokens();
    private final InMemoryDomain fakes = InMemoryDomain.over(tokens, new DirectTransactions(), new TestClock(T0),
            new SplittableRandom(31), new SecretHasher(ServiceFixture.PEPPER));
    private final RecordingAuditOutbox outbox = fakes.outbox;
    private final InMemoryInstallation installation = fakes.installation;
    private final KeywardDomain services = fakes.domain;
    private final IpAddress anywhere = IpAddress.parse("203.0.113.9");

    @Test
    void an_empty_database_gets_a_freshly_minted_admin_token_whose_value_is_returned_once() {
        TokenValue minted = services.bootstrap().bootstrap(Optional.empty()).orElseThrow();

        Caller admin = fakes.authenticate(minted.reveal(), anywhere);
        assertEquals(PermissionSet.all(), admin.permissions());
        TokenView token = services.queries().get(admin, "self");
        assertEquals(BootstrapService.BOOTSTRAP_NAME, token.name().value());
        assertEquals("bootstrap-admin", token.name().value());
        assertEquals(Actor.BOOTSTRAP, token.createdBy());
        assertEquals(T0, token.createdAt());
        assertNull(token.expiresAt());
        assertTrue(token.allowlist().blocks().isEmpty());

        TokenCreated event = assertInstanceOf(TokenCreated.class, outbox.events().get(0));
        assertEquals(1, outbox.events().size());
        assertEquals(Actor.BOOTSTRAP, event.origin().actor());
        assertNull(event.origin().clientAddress());
    }

    @Test
    void a_configured_value_is_adopted_as_the_admin_token_and_not_returned() {
        TokenValue configured = TokenValue.generate(new SplittableRandom(8));

        Optional<TokenValue> result = services.bootstrap().bootstrap(Optional.of(configured));

        assertTrue(result.isEmpty());
        Caller admin = fakes.authenticate(configured.reveal(), anywhere);
        assertEquals(PermissionSet.all(), admin.permissions());
        assertEquals("bootstrap-admin", services.queries().get(admin, "self").name().value());
        assertEquals(1, outbox.events().size());
    }

    @Test
    void a_database_that_holds_tokens_is_left_alone() {
        TokenValue first = services.bootstrap().bootstrap(Optional.empty()).orElseThrow();
        TokenValue configured = TokenValue.generate(new SplittableRandom(9));

        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.empty()));
        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.of(configured)));

        assertEquals(1, tokens.size());
        assertEquals(1, outbox.events().size());
        Caller admin = fakes.authenticate(first.reveal(), anywhere);
        assertEquals(1, services.queries().list(admin, null, null).results().size());
        assertThrows(UnauthenticatedException.class, () -> fakes.authenticate(configured.reveal(), anywhere));
    }

    @Test
    void bootstrapping_happens_once_per_database_so_deleting_every_token_never_revives_an_admin() {
        TokenValue first = services.bootstrap().bootstrap(Optional.empty()).orElseThrow();
        Caller admin = fakes.authenticate(first.reveal(), anywhere);
        services.commands().delete(admin, "self");

        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.empty()));
        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.of(TokenValue.generate(new java.util.SplittableRandom(7)))));
        assertTrue(tokens.isEmpty(), "no admin token came back");
        assertThrows(UnauthenticatedException.class, () -> fakes.authenticate(first.reveal(), anywhere));
    }

    @Test
    void an_installation_already_marked_bootstrapped_mints_nothing() {
        installation.markBootstrapped(T0);

        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.empty()));
        assertTrue(tokens.isEmpty());
    }
}
