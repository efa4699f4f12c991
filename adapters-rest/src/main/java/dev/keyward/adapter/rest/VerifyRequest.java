package dev.keyward.adapter.rest;

/**
 * The body of {@code POST /api-tokens/verify}, JSON types checked by {@link TokenRequestReader}.
 *
 * @param permissions null when absent (nothing required)
 * @param clientAddress null when absent (unknown: a token with allowedCIDRBlocks then fails closed)
 */
record VerifyRequest(String key, java.util.List<String> permissions, String clientAddress) {

    @Override
    public String toString() {
        return "VerifyRequest[key=[redacted], permissions=" + permissions + ", clientAddress=" + clientAddress + "]";
    }
}
