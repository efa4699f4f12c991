package dev.keyward.adapter.rest;

import java.util.regex.Pattern;

/**
 * Masks anything shaped like a token value in text that leaves the adapter as a log line or an
 * error message: clients do paste keys into paths and fields, and echoing one would spread it.
 */
final class Redaction {

    private static final Pattern TOKEN_LIKE = Pattern.compile("kw_[0-9A-Za-z]{4,}");

    private Redaction() {
    }

    static String redact(Object text) {
        return text == null ? null : TOKEN_LIKE.matcher(text.toString()).replaceAll("kw_[redacted]");
    }
}
