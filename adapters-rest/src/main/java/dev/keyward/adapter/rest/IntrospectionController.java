package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /introspect}: RFC 7662 token introspection, so gateways with OAuth introspection support
 * (Kong, APISIX, KrakenD, ...) can take Keyward tokens as opaque bearer tokens. The caller is a token
 * with {@link Permission#OrganizationAPITokenRead}, authenticated by {@link ApiKeyAuthenticationFilter}
 * like every other request. {@code token_type_hint} is ignored (there is one kind of token);
 * {@code client_address} is Keyward's extension for tokens with allowedCIDRBlocks, which are active
 * only from inside them.
 */
@Controller("/introspect")
@Produces(MediaType.APPLICATION_JSON)
class IntrospectionController {

    private static final java.util.Set<String> KNOWN_PARAMETERS = java.util.Set.of("token", "token_type_hint", "client_address");

    private final Checks checks;

    IntrospectionController(Checks checks) {
        this.checks = checks;
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    CompletableFuture<HttpResponse<?>> introspect(Caller caller, HttpRequest<?> request, @Nullable @Body byte[] body) {
        caller.permissions().require(Permission.OrganizationAPITokenRead, "introspect tokens");
        Map<String, String> form = form(body);
        String token = form.get("token");
        if (token == null) {
            throw new InvalidInputException("token", "token is required: the token value to introspect");
        }
        CheckRequest check = new CheckRequest(token, RequestCredentials.parseAddress("client_address", form.get("client_address")),
                PermissionSet.of(), Door.INTROSPECT, new CheckRequest.Asker(caller.address(), caller.tokenId()));
        return checks.answer(request, check,
                result -> HttpResponse.ok(toResponse(result)).header(HttpHeaders.CACHE_CONTROL, "no-store"));
    }

    private static IntrospectionResponse toResponse(CheckResult result) {
        if (!result.isValid()) {
            return IntrospectionResponse.inactive();
        }
        TokenView token = result.token().orElseThrow();
        String id = token.id().toString();
        return new IntrospectionResponse(true, String.join(" ", token.permissions().names()), id, id, token.name().value(),
                IntrospectionResponse.TOKEN_TYPE, token.createdAt().getEpochSecond(),
                result.valueExpiresAt() == null ? null : result.valueExpiresAt().getEpochSecond(),
                token.owner() == null ? null : token.owner().externalId(), MetaJson.tree(token.meta()));
    }

    /** {@code application/x-www-form-urlencoded}; a parameter sent twice is refused (RFC 6749 §3.2: "MUST NOT be included more than once"). */
    static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        if (body == null || body.length == 0) {
            return form;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (form.putIfAbsent(name, value) != null && KNOWN_PARAMETERS.contains(name)) {
                throw new InvalidInputException(name, name + " must not be sent more than once");
            }
        }
        return form;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("body", "malformed form body: bad percent-encoding");
        }
    }
}
