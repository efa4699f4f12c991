package dev.keyward.domain.service;

import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.event.TokenCreated;
import dev.keyward.domain.fake.DirectTransactions;
import dev.keyward.domain.fake.InMemoryInstallation;
import dev.keyward.domain.fake.RecordingAuditOutbox;
import dev.keyward.domain.fake.TokenServices;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.SplittableRandom;

import static dev.keyward.domain.service.ServiceFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapTest {

    private final CountingTokens tokens = new CountingTokens();
    private final RecordingAuditOutbox outbox = new RecordingAuditOutbox();
    private final InMemoryInstallation installation = new InMemoryInstallation();
    private final TokenServices services = TokenServices.over(tokens, outbox, new DirectTransactions(), installation,
            new SecretHasher(ServiceFixture.PEPPER), new SplittableRandom(31), new TestClock(T0));
    private final IpAddress anywhere = IpAddress.parse("203.0.113.9");

    @Test
    void an_empty_database_gets_a_freshly_minted_admin_token_whose_value_is_returned_once() {
        TokenValue minted = services.bootstrap().bootstrap(Optional.empty()).orElseThrow();

        Caller admin = services.authentication().authenticate(minted.reveal(), anywhere);
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
        Caller admin = services.authentication().authenticate(configured.reveal(), anywhere);
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
        Caller admin = services.authentication().authenticate(first.reveal(), anywhere);
        assertEquals(1, services.queries().list(admin, null, null).results().size());
        assertThrows(UnauthenticatedException.class, () -> services.authentication().authenticate(configured.reveal(), anywhere));
    }

    @Test
    void bootstrapping_happens_once_per_database_so_deleting_every_token_never_revives_an_admin() {
        TokenValue first = services.bootstrap().bootstrap(Optional.empty()).orElseThrow();
        Caller admin = services.authentication().authenticate(first.reveal(), anywhere);
        services.commands().delete(admin, "self");

        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.empty()));
        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.of(TokenValue.generate(new java.util.SplittableRandom(7)))));
        assertTrue(tokens.isEmpty(), "no admin token came back");
        assertThrows(UnauthenticatedException.class, () -> services.authentication().authenticate(first.reveal(), anywhere));
    }

    @Test
    void an_installation_already_marked_bootstrapped_mints_nothing() {
        installation.markBootstrapped(T0);

        assertEquals(Optional.empty(), services.bootstrap().bootstrap(Optional.empty()));
        assertTrue(tokens.isEmpty());
    }
}
