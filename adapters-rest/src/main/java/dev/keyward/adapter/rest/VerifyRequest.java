package dev.keyward.adapter.rest;

/**
 * The body of {@code POST /api-tokens/verify}, JSON types checked by {@link TokenRequestReader}.
 *
 * @param permissions     a list of names, all required; null when absent
 * @param permissionQuery {@code permissions} sent as one string: a query such as {@code "AlertRead AND (RuleRead OR UserRead)"}; null when absent
 * @param clientAddress   null when absent (unknown: a token with allowedCIDRBlocks then fails closed)
 */
record VerifyRequest(String key, java.util.List<String> permissions, String permissionQuery, String clientAddress) {

    @Override
    public String toString() {
        return "VerifyRequest[key=[redacted], permissions=" + (permissionQuery != null ? permissionQuery : permissions)
                + ", clientAddress=" + clientAddress + "]";
    }
}
