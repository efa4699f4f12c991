package dev.keyward.adapter.graphql;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.check.CheckRequest;
import dev.keyward.domain.check.Door;
import dev.keyward.domain.check.TokenCheck;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.permission.PermissionSet;

import java.util.function.Consumer;

/**
 * What one HTTP request brings to its GraphQL execution: the presented key and the client's
 * address. The key is checked lazily, once per request, on the first field that needs a caller, so
 * introspection works without a key while every token field shares one check (and one
 * {@code lastUsedAt} update), through the one check at the GraphQL door.
 */
final class RequestContext {

    /** The key under which the GraphQL context holds this object. */
    static final String KEY = RequestContext.class.getName();

    private final String presentedKey;
    private final IpAddress clientAddress;
    private final boolean readOnly;
    private final Consumer<Caller> onCaller;
    private Caller caller;
    private UnauthenticatedException refusal;

    /**
     * @param presentedKey the one key the request presented, or null
     * @param readOnly     true for GET requests, which may not run mutations
     * @param onCaller     told the caller once its check passed (the access log names the token)
     */
    RequestContext(String presentedKey, IpAddress clientAddress, boolean readOnly, Consumer<Caller> onCaller) {
        this.presentedKey = presentedKey;
        this.clientAddress = clientAddress;
        this.readOnly = readOnly;
        this.onCaller = onCaller;
    }

    /** A request refused before any lookup, e.g. for sending several or conflicting keys: every token field fails with {@code refusal}. */
    static RequestContext refused(UnauthenticatedException refusal, boolean readOnly) {
        RequestContext context = new RequestContext(null, null, readOnly, caller -> { });
        context.refusal = refusal;
        return context;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** @throws UnauthenticatedException for a missing, malformed, unknown, expired or out-of-range key */
    synchronized Caller caller(TokenCheck check) {
        if (caller == null && refusal == null) {
            try {
                caller = Caller.of(check.check(new CheckRequest(presentedKey, clientAddress, PermissionSet.of(), Door.GRAPHQL)),
                        clientAddress);
                onCaller.accept(caller);
            } catch (UnauthenticatedException e) {
                refusal = e;
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        return caller;
    }
}
