package dev.keyward.adapter.persistence;

import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHash;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenName;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Tokens and hashes for adapter tests; hashes are random bytes, no value literal needed. */
public final class TestTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {
    }

    public static ApiToken.Created issue(String name, Instant at) {
        return ApiToken.create(TokenId.newId(at, RANDOM), new TokenName(name),
                PermissionSet.of(Permission.OrganizationAPITokenModify, Permission.OrganizationAPITokenRead),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8", "2001:db8::/32")),
                null, newHash(), byToken(at));
    }

    public static SecretHash newHash() {
        byte[] bytes = new byte[SecretHash.LENGTH];
        RANDOM.nextBytes(bytes);
        return new SecretHash(bytes);
    }

    /** A change made by another token from 2001:db8::1 at {@code at}. */
    public static Origin byToken(Instant at) {
        return new Origin(Actor.token(TokenId.newId(at, RANDOM)), IpAddress.parse("2001:db8::1"), at);
    }

    /** Now, at the microsecond precision the tables keep. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
