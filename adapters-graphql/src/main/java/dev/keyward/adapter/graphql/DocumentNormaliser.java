package dev.keyward.adapter.graphql;

/**
 * Blanks out empty argument lists such as {@code rotateAPIToken()} before a document reaches the
 * strict GraphQL parser. Panther documents its rotate mutation with empty parentheses, which the
 * GraphQL grammar rejects, and clients copy that form verbatim. A pair of parentheses is removed
 * only when nothing but ignored tokens (white space, commas, comments) stands between them and it
 * is not inside a string or a comment. The removed characters become spaces (line breaks stay), so
 * every line and column an error message points at is still where the client typed it.
 */
final class DocumentNormaliser {

    private DocumentNormaliser() {
    }

    static String normalise(String document) {
        if (document == null || document.indexOf('(') < 0) {
            return document;
        }
        char[] text = document.toCharArray();
        int i = 0;
        while (i < text.length) {
            char c = text[i];
            if (c == '#') {
                i = endOfComment(text, i);
            } else if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '(') {
                int close = closingOfEmptyParentheses(text, i);
                if (close >= 0) {
                    for (int j = i; j <= close; j++) {
                        if (text[j] != '\n' && text[j] != '\r') {
                            text[j] = ' ';
                        }
                    }
                    i = close + 1;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
        return new String(text);
    }

    /** The index of the ')' closing the '(' at {@code open} if only ignored tokens lie between, else -1. */
    private static int closingOfEmptyParentheses(char[] text, int open) {
        int i = open + 1;
        while (i < text.length) {
            char c = text[i];
            if (c == ')') {
                return i;
            }
            if (c == '#') {
                i = endOfComment(text, i);
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
                i++;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The index just past the line terminator ending the comment that starts at {@code start}. */
    private static int endOfComment(char[] text, int start) {
        int i = start;
        while (i < text.length && text[i] != '\n' && text[i] != '\r') {
            i++;
        }
        return i;
    }

    /** The index just past the string (plain or block) that starts at {@code start}; the end if unterminated. */
    private static int endOfString(char[] text, int start) {
        if (startsBlockQuote(text, start)) {
            int i = start + 3;
            while (i < text.length) {
                if (text[i] == '\\' && startsBlockQuote(text, i + 1)) {
                    i += 4;
                } else if (startsBlockQuote(text, i)) {
                    return i + 3;
                } else {
                    i++;
                }
            }
            return i;
        }
        int i = start + 1;
        while (i < text.length) {
            char c = text[i];
            if (c == '\\') {
                i += 2;
            } else if (c == '"' || c == '\n' || c == '\r') {
                // A plain string cannot span lines: the parser will report it; we just stop skipping.
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static boolean startsBlockQuote(char[] text, int at) {
        return at + 2 < text.length && text[at] == '"' && text[at + 1] == '"' && text[at + 2] == '"';
    }
}
