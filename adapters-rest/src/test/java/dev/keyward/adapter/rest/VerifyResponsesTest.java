package dev.keyward.adapter.rest;

import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.OwnerId;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenMeta;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenView;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** verify's body written by hand around each view's cached JSON is, byte for byte, what the serializer writes. */
class VerifyResponsesTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final RotationPolicy ROTATION = new RotationPolicy(Duration.ofDays(90));

    private final JsonMapper json = JsonMapper.createDefault();
    private final VerifyResponses responses = new VerifyResponses(json, ROTATION);

    @Test
    void every_verdict_is_what_the_serializer_writes() throws IOException {
        TokenView token = view("svc \"quoted\" \u00e9", T0.plusSeconds(60));
        for (CheckCode code : List.of(CheckCode.VALID, CheckCode.DISABLED, CheckCode.EXPIRED, CheckCode.ADDRESS_NOT_ALLOWED)) {
            assertWritten(new CheckResult(code, Optional.of(token), PermissionSet.of(), null, null));
        }
        TokenView owned = new TokenView(token.id(), token.name(), token.permissions(), token.allowlist(), token.createdAt(),
                token.createdBy(), token.updatedAt(), token.updatedBy(), token.expiresAt(), null, null, null, null, true,
                new TokenMeta("{\"seat\":1}"), new TokenOwner(OwnerId.parse("0192f0c4-0000-7000-8000-0000000000aa"), "cus \"9\"",
                new TokenMeta("{\"plan\":\"gold\"}")));
        for (CheckCode code : List.of(CheckCode.VALID, CheckCode.DISABLED)) {
            assertWritten(new CheckResult(code, Optional.of(owned), PermissionSet.of(), null, null));
        }
        assertWritten(CheckResult.failed(CheckCode.NOT_FOUND));
        assertWritten(CheckResult.failed(CheckCode.MALFORMED));
        assertWritten(new CheckResult(CheckCode.INSUFFICIENT_PERMISSIONS, Optional.of(token),
                PermissionSet.of(Permission.RuleRead, Permission.UserRead), null, null));
    }

    @Test
    void a_view_is_written_once_and_a_changed_token_anew() {
        TokenView before = view("before", null);
        CheckResult first = new CheckResult(CheckCode.VALID, Optional.of(before), PermissionSet.of(), null, null);

        byte[] once = responses.bodyOf(first);
        byte[] again = responses.bodyOf(first);
        TokenView renamed = view("after", null);
        String changed = new String(responses.bodyOf(new CheckResult(CheckCode.VALID, Optional.of(renamed), PermissionSet.of(), null, null)),
                StandardCharsets.UTF_8);

        assertArrayEquals(once, again);
        assertNotSame(once, again); // a fresh body each time: Micronaut owns what it writes
        assertEquals(true, changed.contains("\"name\":\"after\""), changed);
        assertSame(before, first.token().orElseThrow());
    }

    private void assertWritten(CheckResult result) throws IOException {
        List<String> missing = result.missing().permissions().isEmpty() ? null : result.missing().names();
        VerifyResponse expected = new VerifyResponse(result.isValid(), result.code().name(),
                result.token().map(token -> ApiTokenMapper.toResponse(token, ROTATION)).orElse(null),
                result.isValid() || missing != null ? result.token().map(token -> List.of("AIRunAsModify", "AlertRead", "RuleRead")).orElse(null)
                        : null, VerifyResponse.Owner.of(result.token().orElse(null)), missing);
        assertEquals(new String(json.writeValueAsBytes(expected), StandardCharsets.UTF_8),
                new String(responses.bodyOf(result), StandardCharsets.UTF_8), result.code().name());
    }

    private static TokenView view(String name, Instant lastUsedAt) {
        return new TokenView(TokenId.parse("0192f0c4-0000-7000-8000-000000000042"), new TokenName(name), PermissionSet.of(Permission.RuleRead, Permission.AlertRead, Permission.AIRunAsModify),
                IpAllowlist.parse("allowedCIDRBlocks", List.of("10.0.0.0/8")), T0, Actor.BOOTSTRAP, T0, Actor.BOOTSTRAP,
                T0.plusSeconds(86_400), lastUsedAt, lastUsedAt == null ? null : IpAddress.parse("192.0.2.7"), null, null, true, TokenMeta.EMPTY, null);
    }
}
