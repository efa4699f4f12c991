package dev.keyward.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.token.TokenView;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The body of verify's 200 ({@link VerifyResponse}) as JSON bytes. The node's check cache hands out one
 * {@link TokenView} per token until the token changes, so the token's part is written once per view
 * (held weakly: it goes with the view) and the verdict is put around it: mapping and writing the token
 * was a third of a verify. A verdict that lists missing permissions is written whole, as any other answer.
 */
@Singleton
final class VerifyResponses {

    private static final byte[] VALID = "{\"valid\":true,\"code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INVALID = "{\"valid\":false,\"code\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TOKEN = "\",\"token\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CODE_END = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EFFECTIVE = ",\"effectivePermissions\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OWNER = ",\"owner\":".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper json;
    private final RotationPolicy rotation;
    private final Cache<TokenView, Written> written = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    /**
     * A view's token object, what follows it in a valid answer ({@code ,"effectivePermissions":[…]}), and
     * its owner ({@code ,"owner":{…}}, empty for a token of no owner).
     */
    private record Written(byte[] token, byte[] effective, byte[] owner) {
    }

    VerifyResponses(JsonMapper json, RotationPolicy rotation) {
        this.json = json;
        this.rotation = rotation;
    }

    /**
     * The answer for {@code result}. {@code effectivePermissions} goes with a valid verdict and with one
     * that lists what is missing: a refused token (disabled, expired, fenced out) may do nothing.
     */
    byte[] bodyOf(CheckResult result) {
        TokenView token = result.token().orElse(null);
        if (!result.missing().permissions().isEmpty()) {
            return write(new VerifyResponse(result.isValid(), result.code().name(), response(token),
                    token == null ? null : token.effectivePermissions(), VerifyResponse.Owner.of(token), result.missing().names()));
        }
        var out = new ByteArrayOutputStream(token == null ? 48 : 640);
        out.writeBytes(result.isValid() ? VALID : INVALID);
        // A code is an enum constant's name: nothing in it to escape.
        out.writeBytes(result.code().name().getBytes(StandardCharsets.US_ASCII));
        if (token == null) {
            out.writeBytes(CODE_END);
            return out.toByteArray();
        }
        Written parts = written.get(token, this::parts);
        out.writeBytes(TOKEN);
        out.writeBytes(parts.token());
        if (result.isValid()) {
            out.writeBytes(parts.effective());
        }
        out.writeBytes(parts.owner());
        out.write('}');
        return out.toByteArray();
    }

    private Written parts(TokenView token) {
        var effective = new ByteArrayOutputStream(256);
        effective.writeBytes(EFFECTIVE);
        effective.writeBytes(write(token.effectivePermissions()));
        VerifyResponse.Owner owner = VerifyResponse.Owner.of(token);
        var ownerPart = new ByteArrayOutputStream(owner == null ? 0 : 256);
        if (owner != null) {
            ownerPart.writeBytes(OWNER);
            ownerPart.writeBytes(write(owner));
        }
        return new Written(write(response(token)), effective.toByteArray(), ownerPart.toByteArray());
    }

    private ApiTokenResponse response(TokenView token) {
        return token == null ? null : ApiTokenMapper.toResponse(token, rotation);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write verify's answer", e);
        }
    }
}
