package dev.keyward.domain.check;

/** The outcome of checking a presented key, as every door reports it. */
public enum CheckCode {
    /** A live token, usable from the client's address, holding every required permission. */
    VALID,
    /** Not a Keyward token value at all (prefix, length or checksum): refused without any lookup. */
    MALFORMED,
    /** Well-formed, but no live token has this value: unknown, rotated away or deleted. */
    NOT_FOUND,
    /** The token was switched off ({@code enabled: false}): refused until it is enabled again. */
    DISABLED,
    /** The token's {@code expiresAt} has passed. */
    EXPIRED,
    /** The token has {@code allowedCIDRBlocks} and the client address is outside them or unknown. */
    ADDRESS_NOT_ALLOWED,
    /** The token is good, but lacks a permission the caller required. */
    INSUFFICIENT_PERMISSIONS;

    public boolean isValid() {
        return this == VALID;
    }
}
