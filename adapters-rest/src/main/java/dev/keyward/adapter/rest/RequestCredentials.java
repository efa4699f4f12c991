package dev.keyward.adapter.rest;

import dev.keyward.domain.check.PresentedKey;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.TrustedProxies;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Reads what a request presents, by the domain's rules: the one key ({@link PresentedKey}) and the client's address ({@link TrustedProxies}). */
@Singleton
final class RequestCredentials {

    static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";

    private final TrustedProxies trustedProxies;

    RequestCredentials(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** @throws dev.keyward.domain.error.UnauthenticatedException for several or conflicting keys */
    String key(HttpRequest<?> request) {
        return PresentedKey.from(request.getHeaders().getAll(PresentedKey.API_KEY_HEADER),
                request.getHeaders().getAll(PresentedKey.AUTHORIZATION_HEADER));
    }

    /** @throws dev.keyward.domain.error.UnauthenticatedException when the client address cannot be known */
    IpAddress clientAddress(HttpRequest<?> request) {
        return trustedProxies.clientOf(request.getRemoteAddress(), request.getHeaders().getAll(FORWARDED_FOR_HEADER));
    }

    /** A client address a caller passes on (verify's {@code clientAddress}, introspection's {@code client_address}); null stays null. */
    static IpAddress parseAddress(String field, String text) {
        if (text == null) {
            return null;
        }
        return IpAddress.tryParse(text).orElseThrow(() ->
                new InvalidInputException(field, field + " must be an IPv4 or IPv6 address, e.g. 203.0.113.9"));
    }

    /** Whether the TCP peer itself (not what it forwards) is one of {@code keyward.http.trusted-proxies}. */
    boolean peerIsTrustedProxy(HttpRequest<?> request) {
        var peer = request.getRemoteAddress();
        return peer != null && peer.getAddress() != null
                && trustedProxies.trusts(IpAddress.ofBytes(peer.getAddress().getAddress()));
    }
}
