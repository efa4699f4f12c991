package dev.keyward.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keyward.domain.check.CheckCode;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.CheckResult;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionQuery;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.token.TokenOwner;
import dev.keyward.domain.token.TokenView;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /forward-auth}: the door for gateways (nginx {@code auth_request}, Traefik ForwardAuth, Caddy
 * {@code forward_auth}, Envoy {@code ext_authz}). The gateway forwards the client's request headers;
 * Keyward answers 200 with the token's id, name and permissions (and the metadata keys of
 * {@code keyward.forward-auth.meta-headers}) as {@code X-Keyward-*} headers for
 * the gateway to pass upstream, 401 for every authentication failure alike, 403 naming a missing
 * permission. Only a trusted proxy may ask: anyone else could probe keys from anywhere and forge
 * {@code X-Forwarded-For}. Any method, since gateways forward the client's.
 */
@Controller("/forward-auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.ALL)
class ForwardAuthController {

    static final String TOKEN_ID_HEADER = "X-Keyward-Token-Id";
    static final String TOKEN_NAME_HEADER = "X-Keyward-Token-Name";
    static final String PERMISSIONS_HEADER = "X-Keyward-Permissions";
    /** The externalId of the token's owner, percent-encoded; empty for a token of no owner. */
    static final String OWNER_HEADER = "X-Keyward-Owner";
    static final String REQUIRE_PARAMETER = "require";

    private final Checks checks;
    private final RequestCredentials credentials;
    /** Each metadata key passed on, with its header's name. */
    private final Map<String, String> metaHeaders = new LinkedHashMap<>();
    /**
     * The owner and metadata headers of a checked view, worked out once per view (held weakly: it goes with
     * the view) rather than by parsing the metadata JSON on every request, as verify writes its answer once.
     */
    private final Cache<TokenView, Map<String, String>> ownerHeaders = Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

    ForwardAuthController(Checks checks, RequestCredentials credentials, ForwardAuthSettings settings) {
        this.checks = checks;
        this.credentials = credentials;
        settings.metaHeaders().forEach(key -> metaHeaders.put(key, ForwardAuthSettings.headerFor(key)));
    }

    @Get
    CompletableFuture<HttpResponse<?>> get(HttpRequest<?> request) {
        return check(request);
    }

    @Post
    CompletableFuture<HttpResponse<?>> post(HttpRequest<?> request) {
        return check(request);
    }

    @Put
    CompletableFuture<HttpResponse<?>> put(HttpRequest<?> request) {
        return check(request);
    }

    @Patch
    CompletableFuture<HttpResponse<?>> patch(HttpRequest<?> request) {
        return check(request);
    }

    @Delete
    CompletableFuture<HttpResponse<?>> delete(HttpRequest<?> request) {
        return check(request);
    }

    @Options
    CompletableFuture<HttpResponse<?>> options(HttpRequest<?> request) {
        return check(request);
    }

    private CompletableFuture<HttpResponse<?>> check(HttpRequest<?> request) {
        if (!credentials.peerIsTrustedProxy(request)) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.FORBIDDEN)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(new ErrorResponse("forward-auth answers only trusted proxies: add this gateway's address to keyward.http.trusted-proxies")));
        }
        CheckRequest check;
        try {
            PermissionQuery required = required(request.getParameters().getAll(REQUIRE_PARAMETER));
            check = new CheckRequest(credentials.key(request), credentials.clientAddress(request), required, Door.FORWARD_AUTH);
        } catch (InvalidInputException | UnauthenticatedException e) {
            return CompletableFuture.completedFuture(DomainExceptionHandler.responseOf(request, e));
        }
        return checks.answer(request, check, result -> answer(request, result));
    }

    /**
     * {@code ?require=AlertRead,RuleRead} (the parameter may also repeat: all are required), or one query
     * ({@code ?require=AlertRead%20AND%20(RuleRead%20OR%20UserRead)}, told apart by its spaces or
     * parentheses); an unknown name is the gateway's misconfiguration: 400 naming it.
     */
    static PermissionQuery required(List<String> values) {
        if (values.size() == 1 && isQuery(values.get(0))) {
            return PermissionQuery.parse(REQUIRE_PARAMETER, values.get(0));
        }
        List<String> names = new ArrayList<>();
        for (String value : values) {
            Arrays.stream(value.split(",", -1)).map(String::trim).filter(name -> !name.isEmpty()).forEach(names::add);
        }
        return PermissionQuery.allOf(PermissionSet.parse(REQUIRE_PARAMETER, names));
    }

    private static boolean isQuery(String value) {
        return value.chars().anyMatch(c -> c == '(' || c == ')' || Character.isWhitespace(c)) && !value.contains(",");
    }

    private HttpResponse<?> answer(HttpRequest<?> request, CheckResult result) {
        if (result.code() == CheckCode.INSUFFICIENT_PERMISSIONS) {
            Permission missing = result.missing().permissions().iterator().next();
            return DomainExceptionHandler.responseOf(request, ForbiddenException.lacking(missing.name(),
                    "this token lacks the " + String.join(", ", result.missing().names()) + " permission required here"));
        }
        if (!result.isValid()) {
            return DomainExceptionHandler.responseOf(request, new UnauthenticatedException("forward-auth: " + result.code()));
        }
        TokenView token = result.token().orElseThrow();
        MutableHttpResponse<?> ok = HttpResponse.ok();
        ok.header(TOKEN_ID_HEADER, token.id().toString())
                .header(TOKEN_NAME_HEADER, percentEncoded(token.name().value()))
                .header(PERMISSIONS_HEADER, String.join(",", token.permissions().names()));
        ownerHeaders.get(token, this::ownerHeadersOf).forEach(ok::header);
        return ok;
    }

    /**
     * {@code X-Keyward-Owner} and each {@code X-Keyward-Meta-<Key>}, in that order. Empty rather than absent
     * (no owner, no such key): a gateway copying headers then overwrites whatever the client sent (Caddy 2.6
     * would otherwise pass its own placeholder). A key the token's metadata lacks falls back on its owner's.
     */
    private Map<String, String> ownerHeadersOf(TokenView token) {
        Map<String, String> headers = new LinkedHashMap<>();
        TokenOwner owner = token.owner();
        headers.put(OWNER_HEADER, owner == null ? "" : percentEncoded(owner.externalId()));
        if (!metaHeaders.isEmpty()) {
            JsonNode meta = MetaJson.tree(token.meta());
            JsonNode ownerMeta = owner == null ? null : MetaJson.tree(owner.meta());
            metaHeaders.forEach((key, header) -> {
                String value = MetaJson.headerValue(meta, key);
                if (value == null && ownerMeta != null) {
                    value = MetaJson.headerValue(ownerMeta, key);
                }
                headers.put(header, value == null ? "" : percentEncoded(value));
            });
        }
        return headers;
    }

    /**
     * A token name may hold any Unicode, but a header value is safely only visible ASCII: UTF-8
     * percent-encoding (RFC 3986) leaves letters, digits and {@code -._~} as they are and encodes
     * every other byte, so ASCII names mostly read as they are and any name decodes with a URL decoder.
     */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
