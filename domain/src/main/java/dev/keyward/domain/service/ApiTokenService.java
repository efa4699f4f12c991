package dev.keyward.domain.service;

import dev.keyward.domain.error.ForbiddenException;
import dev.keyward.domain.error.InvalidInputException;
import dev.keyward.domain.error.NotFoundException;
import dev.keyward.domain.error.UnauthenticatedException;
import dev.keyward.domain.event.TokenEvent;
import dev.keyward.domain.network.IpAddress;
import dev.keyward.domain.network.IpAllowlist;
import dev.keyward.domain.permission.Permission;
import dev.keyward.domain.permission.PermissionSet;
import dev.keyward.domain.port.in.Caller;
import dev.keyward.domain.port.in.IssueTokenCommand;
import dev.keyward.domain.port.in.IssuedToken;
import dev.keyward.domain.port.in.TokenAuthentication;
import dev.keyward.domain.port.in.TokenBootstrap;
import dev.keyward.domain.port.in.TokenManagement;
import dev.keyward.domain.port.in.TokenPage;
import dev.keyward.domain.port.in.UpdateTokenCommand;
import dev.keyward.domain.port.out.AuditOutbox;
import dev.keyward.domain.port.out.Installation;
import dev.keyward.domain.port.out.Tokens;
import dev.keyward.domain.port.out.Transactions;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.ApiToken;
import dev.keyward.domain.token.Origin;
import dev.keyward.domain.token.SecretHasher;
import dev.keyward.domain.token.TokenId;
import dev.keyward.domain.token.TokenName;
import dev.keyward.domain.token.TokenValue;
import dev.keyward.domain.token.TokenView;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The token use cases. Rules, in one place for every adapter:
 * <ul>
 *   <li>reading needs {@link Permission#OrganizationAPITokenRead}; creating, updating, rotating and
 *       deleting need {@link Permission#OrganizationAPITokenModify} — except that any live token
 *       may rotate itself;</li>
 *   <li>privilege guard: a caller may only create, update or rotate a token whose permissions it
 *       holds itself, so no token can mint or take over a more powerful one;</li>
 *   <li>permission checks come before lookups, so a caller without rights learns nothing about ids;</li>
 *   <li>each change and its audit event commit in one transaction.</li>
 * </ul>
 */
public final class ApiTokenService implements TokenAuthentication, TokenManagement, TokenBootstrap {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;
    public static final String BOOTSTRAP_NAME = "bootstrap-admin";
    private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** RFC 3339 date-time: seconds required, optional fraction, Z or a numeric offset (ISO 8601 allows more). */
    private static final java.util.regex.Pattern RFC_3339 = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private final Tokens tokens;
    private final AuditOutbox outbox;
    private final Transactions transactions;
    private final Installation installation;
    private final SecretHasher hasher;
    private final RandomGenerator random;
    private final Clock clock;
    private final Duration lastUsedResolution;

    /**
     * @param random             a CSPRNG: token values and ids come from it
     * @param lastUsedResolution how stale {@code lastUsedAt} may get before a use is written back
     */
    public ApiTokenService(Tokens tokens, AuditOutbox outbox, Transactions transactions, Installation installation,
                           SecretHasher hasher, RandomGenerator random, Clock clock, Duration lastUsedResolution) {
        this.tokens = tokens;
        this.outbox = outbox;
        this.transactions = transactions;
        this.installation = installation;
        this.hasher = hasher;
        this.random = random;
        this.clock = clock;
        this.lastUsedResolution = lastUsedResolution;
    }

    @Override
    public Caller authenticate(String presentedKey, IpAddress clientAddress) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            throw new UnauthenticatedException("no key presented");
        }
        TokenValue value = TokenValue.tryParse(presentedKey)
                .orElseThrow(() -> new UnauthenticatedException("malformed key"));
        ApiToken token = tokens.findByHash(hasher.hash(value))
                .orElseThrow(() -> new UnauthenticatedException("unknown, rotated or deleted key"));
        Instant now = clock.instant();
        if (token.isExpiredAt(now)) {
            throw new UnauthenticatedException("token " + token.id() + " expired at " + token.expiresAt());
        }
        if (!token.acceptsUseFrom(clientAddress, now)) {
            throw new UnauthenticatedException("token " + token.id() + " is not allowed from " + clientAddress);
        }
        if (token.recordUse(now, lastUsedResolution)) {
            tokens.recordUse(token.id(), now);
        }
        return new Caller(token.id(), token.secretHash(), token.permissions(), clientAddress);
    }

    @Override
    public IssuedToken issue(Caller caller, IssueTokenCommand command) {
        require(caller, Permission.OrganizationAPITokenModify, "create tokens");
        TokenName name = TokenName.parse("name", command.name());
        PermissionSet permissions = PermissionSet.parse("permissions", command.permissions());
        IpAllowlist allowlist = IpAllowlist.parse("allowedCIDRBlocks", command.allowedCidrBlocks());
        Origin origin = originOf(caller);
        Instant expiresAt = parseExpiry(command.expiresAt(), origin.at());
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, Permission.OrganizationAPITokenModify, "create tokens");
            guardPrivileges(acting.permissions(), permissions, "grant");
            guardNetworkReach(acting, allowlist, "create");
            guardLifetime(acting, expiresAt, "create");
            return issue(name, permissions, allowlist, expiresAt, TokenValue.generate(random), origin);
        });
    }

    private IssuedToken issue(TokenName name, PermissionSet permissions, IpAllowlist allowlist, Instant expiresAt,
                              TokenValue value, Origin origin) {
        ApiToken.Issued issued = ApiToken.issue(TokenId.newId(origin.at(), random), name, permissions, allowlist,
                expiresAt, hasher.hash(value), origin);
        tokens.add(issued.token());
        outbox.append(issued.event());
        return new IssuedToken(issued.token().view(), value);
    }

    @Override
    public TokenView get(Caller caller, String ref) {
        require(caller, Permission.OrganizationAPITokenRead, "read tokens");
        return load(caller, ref).view();
    }

    @Override
    public TokenPage list(Caller caller, String cursor, Integer limit) {
        require(caller, Permission.OrganizationAPITokenRead, "list tokens");
        int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("limit", "limit must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        TokenId after = cursor == null ? null : decodeCursor(cursor);
        List<ApiToken> page = tokens.listAfter(after, size + 1);
        boolean more = page.size() > size;
        List<TokenView> results = page.stream().limit(size).map(ApiToken::view).toList();
        Optional<String> next = more ? Optional.of(encodeCursor(results.get(results.size() - 1).id())) : Optional.empty();
        return new TokenPage(results, next);
    }

    @Override
    public TokenView update(Caller caller, String ref, UpdateTokenCommand command) {
        require(caller, Permission.OrganizationAPITokenModify, "update tokens");
        TokenName name = TokenName.parse("name", command.name());
        PermissionSet permissions = PermissionSet.parse("permissions", command.permissions());
        Optional<IpAllowlist> allowlist = Optional.ofNullable(command.allowedCidrBlocks())
                .map(blocks -> IpAllowlist.parse("allowedCIDRBlocks", blocks));
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, Permission.OrganizationAPITokenModify, "update tokens");
            ApiToken token = isSelf(caller, ref) ? acting : load(caller, ref);
            guardPrivileges(acting.permissions(), permissions, "grant");
            guardPrivileges(acting.permissions(), token.permissions(), "update a token holding");
            IpAllowlist newAllowlist = allowlist.orElse(token.allowlist());
            guardNetworkReach(acting, newAllowlist, "update");
            TokenEvent event = token.update(name, permissions, newAllowlist, originOf(caller));
            return store(token, event).view();
        });
    }

    @Override
    public IssuedToken rotate(Caller caller, String ref) {
        boolean self = isSelf(caller, ref);
        if (!self) {
            require(caller, Permission.OrganizationAPITokenModify, "rotate other tokens");
        }
        return transactions.inWrite(() -> {
            ApiToken acting = acting(caller, self ? null : Permission.OrganizationAPITokenModify, "rotate other tokens");
            ApiToken token = self ? acting : load(caller, ref);
            if (!self) {
                guardPrivileges(acting.permissions(), token.permissions(), "rotate a token holding");
                guardNetworkReach(acting, token.allowlist(), "rotate");
                guardLifetime(acting, token.expiresAt(), "rotate");
            }
            TokenValue value = TokenValue.generate(random);
            TokenEvent event = token.rotate(hasher.hash(value), originOf(caller));
            return new IssuedToken(store(token, event).view(), value);
        });
    }

    @Override
    public void delete(Caller caller, String ref) {
        require(caller, Permission.OrganizationAPITokenModify, "delete tokens");
        transactions.inWrite(() -> {
            ApiToken acting = acting(caller, Permission.OrganizationAPITokenModify, "delete tokens");
            ApiToken token = isSelf(caller, ref) ? acting : load(caller, ref);
            TokenEvent event = token.revoke(originOf(caller));
            tokens.remove(token);
            outbox.append(event);
            return null;
        });
    }

    @Override
    public Optional<TokenValue> bootstrap(Optional<TokenValue> configured) {
        return transactions.inWrite(() -> {
            // Once per database, ever: deleting every token later must not revive a well-known admin value.
            if (!installation.markBootstrapped(clock.instant()) || !tokens.isEmpty()) {
                return Optional.empty();
            }
            TokenValue value = configured.orElseGet(() -> TokenValue.generate(random));
            issue(new TokenName(BOOTSTRAP_NAME), PermissionSet.all(), IpAllowlist.anyAddress(), null, value,
                    new Origin(Actor.BOOTSTRAP, null, clock.instant()));
            return configured.isPresent() ? Optional.empty() : Optional.of(value);
        });
    }

    private ApiToken store(ApiToken token, TokenEvent event) {
        tokens.update(token);
        outbox.append(event);
        return token;
    }

    private ApiToken load(Caller caller, String ref) {
        TokenId id = isSelf(caller, ref) ? caller.tokenId() : TokenId.tryParse(ref).orElse(null);
        return Optional.ofNullable(id).flatMap(tokens::findById)
                .orElseThrow(() -> new NotFoundException(notFoundMessage(ref)));
    }

    /**
     * Echoes the id asked for, except text that may be a token value pasted in the wrong place
     * (error messages reach logs) or is too long to be an id.
     */
    private static String notFoundMessage(String ref) {
        if (ref == null || ref.length() > 64 || ref.regionMatches(true, 0, TokenValue.PREFIX, 0, TokenValue.PREFIX.length())) {
            return "no API token has that id: an id is a UUID such as 0190a5b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b, never a token value";
        }
        return "no API token with id '" + ref + "'";
    }

    private static boolean isSelf(Caller caller, String ref) {
        return SELF.equals(ref) || caller.tokenId().toString().equals(ref);
    }

    private Origin originOf(Caller caller) {
        return new Origin(caller.actor(), caller.address(), clock.instant());
    }

    /**
     * The calling token as it is now, inside the write's transaction: authentication happened earlier
     * (for GraphQL, possibly several mutations earlier), so a token deleted, rotated away or expired
     * since then may not act, and its current permissions are the ones that count.
     *
     * @param permission the permission the write needs, or null (self-rotation needs none)
     */
    private ApiToken acting(Caller caller, Permission permission, String action) {
        ApiToken acting = tokens.findById(caller.tokenId())
                .filter(token -> token.secretHash().equals(caller.credential()) && !token.isExpiredAt(clock.instant()))
                .orElseThrow(() -> new UnauthenticatedException("token " + caller.tokenId()
                        + " was deleted, rotated or expired after it authenticated"));
        if (permission != null) {
            require(acting.permissions(), permission, action);
        }
        return acting;
    }

    private static void require(Caller caller, Permission permission, String action) {
        require(caller.permissions(), permission, action);
    }

    private static void require(PermissionSet held, Permission permission, String action) {
        if (!held.contains(permission)) {
            throw new ForbiddenException(permission, "this token lacks the " + permission + " permission needed to " + action);
        }
    }

    /**
     * The reach guards: a token fenced to some networks or ending at some time cannot create, widen or
     * take over (by rotation) a token usable from elsewhere or for longer — otherwise a short-lived,
     * network-fenced CI token could mint itself a permanent, anywhere-usable successor.
     */
    private static void guardNetworkReach(ApiToken acting, IpAllowlist allowlist, String verb) {
        if (!acting.allowlist().covers(allowlist)) {
            throw new ForbiddenException("this token may only be used from " + String.join(", ", acting.allowlist().texts())
                    + ", so it cannot " + verb + " a token whose allowedCIDRBlocks reach beyond that"
                    + (allowlist.isAnyAddress() ? " (an empty list means any address)" : ""));
        }
    }

    private static void guardLifetime(ApiToken acting, Instant expiresAt, String verb) {
        if (acting.expiresAt() != null && (expiresAt == null || expiresAt.isAfter(acting.expiresAt()))) {
            throw new ForbiddenException("this token expires at " + acting.expiresAt() + ", so it cannot " + verb
                    + " a token that expires later or never: give expiresAt no later than that");
        }
    }

    private static void guardPrivileges(PermissionSet held, PermissionSet wanted, String verb) {
        held.firstMissingFrom(wanted).ifPresent(missing -> {
            throw new ForbiddenException(missing, "this token cannot " + verb + " the " + missing
                    + " permission because it does not hold it itself");
        });
    }

    private static Instant parseExpiry(String text, Instant now) {
        if (text == null) {
            return null;
        }
        if (!RFC_3339.matcher(text).matches()) {
            throw new InvalidInputException("expiresAt", "expiresAt must be an RFC 3339 timestamp such as 2030-01-31T12:00:00Z");
        }
        Instant expiresAt;
        try {
            expiresAt = OffsetDateTime.parse(text.toUpperCase(java.util.Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    .truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("expiresAt", "expiresAt must be an RFC 3339 timestamp such as 2030-01-31T12:00:00Z");
        }
        if (!expiresAt.isAfter(now)) {
            throw new InvalidInputException("expiresAt", "expiresAt must be in the future");
        }
        // RFC 3339 years have four digits; a later instant would not fit a SQL DATETIME either.
        if (expiresAt.isAfter(LATEST_EXPIRY)) {
            throw new InvalidInputException("expiresAt", "expiresAt must be before the year 10000");
        }
        return expiresAt;
    }

    static String encodeCursor(TokenId after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.toString().getBytes(StandardCharsets.US_ASCII));
    }

    static TokenId decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            return TokenId.tryParse(decoded).orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "cursor is not one this API returned as 'next'");
        }
    }
}
