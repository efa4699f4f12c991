package dev.keyward.app.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A seeded generator of raw HTTP/1.1 requests aimed at {@code /api-tokens}: odd methods, paths,
 * query strings, headers and JSON-ish bodies. It never targets {@code self} with DELETE or rotate,
 * so the admin key it is given stays valid for the whole run.
 */
final class RandomRequests {

    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "POST", "POST", "DELETE", "PUT", "PATCH", "HEAD", "BREW"};
    private static final String[] IDS = {"self", "0197e7a0-0000-7000-8000-000000000000", "nope", "%zz", "%00", "..%2F..", "%C3%A9",
            "SELF", "01", "a%2Fb", "x".repeat(300), "-1", "", "%FF%FE"};
    private static final String[] QUERIES = {"", "?limit=abc", "?limit=0", "?limit=101", "?limit=-5", "?limit=99999999999",
            "?limit=1e3", "?limit=", "?cursor=zzz", "?cursor=%zz", "?cursor=", "?limit=2&limit=3", "?cursor=AAAA&limit=1",
            "?%=%", "?limit=%F0%9F%98%80", "?cursor=" + "A".repeat(500)};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json; charset=UTF-8",
            "application/json; charset=latin1", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "*/*", "garbage", null};
    private static final String[] FIELDS = {"name", "permissions", "allowedCIDRBlocks", "expiresAt", "value", "id", "extra"};
    private static final String[] STRINGS = {"x", "", " ", "AlertRead", "OrganizationAPITokenModify", "10.0.0.0/8", "::/0",
            "10.0.0.1/8", "2030-01-01T00:00:00Z", "1999-01-01T00:00:00Z", "not a date", "\\u0000", "\\ud800", "é😀", "a".repeat(300)};

    private RandomRequests() {
    }

    static byte[] next(Random random, String adminKey) {
        if (random.nextInt(3) == 0) {
            return plausible(random, adminKey);
        }
        String method = pick(random, METHODS);
        String path = path(random, method);
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        int keyChoice = random.nextInt(10);
        if (keyChoice < 7) {
            head.append("X-API-Key: ").append(adminKey).append("\r\n");
        } else if (keyChoice == 7) {
            head.append("X-API-Key: ").append(mutate(random, adminKey)).append("\r\n");
        } else if (keyChoice == 8) {
            head.append("X-API-Key: ").append(adminKey).append("\r\nX-API-Key: kw_other\r\n");
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (random.nextInt(6) == 0) {
            head.append("X-Forwarded-For: ").append(pick(random, new String[]{"10.0.0.1", "::1, 1.2.3.4", "garbage", ",,,", "999.1.1.1"})).append("\r\n");
        }
        if (random.nextInt(8) == 0) {
            head.append("Accept: ").append(pick(random, new String[]{"text/html", "application/xml", "*/*", "nonsense"})).append("\r\n");
        }
        byte[] body = body(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A well-formed authenticated request with only its JSON body or query randomised. */
    private static byte[] plausible(Random random, String adminKey) {
        boolean create = random.nextBoolean();
        String body = create ? (random.nextBoolean()
                ? "{\"name\":\"" + pick(random, STRINGS) + "\",\"permissions\":[\"AlertRead\"]}"
                : jsonObject(random, 0)) : null;
        String path = create ? "/api-tokens" : "/api-tokens" + pick(random, new String[]{"", "?limit=2", "/self", "?limit=" + random.nextInt(120)});
        String head = (create ? "POST " : "GET ") + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-API-Key: " + adminKey + "\r\n"
                + (create ? "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n" : "")
                + "\r\n";
        return (head + (create ? body : "")).getBytes(StandardCharsets.UTF_8);
    }

    private static String path(Random random, String method) {
        String id = pick(random, IDS);
        boolean destructive = method.equals("DELETE");
        if (id.equalsIgnoreCase("self") && (destructive || method.equals("POST"))) {
            id = "nope";
        }
        return switch (random.nextInt(6)) {
            case 0, 1 -> "/api-tokens" + pick(random, QUERIES);
            case 2, 3 -> "/api-tokens/" + id + pick(random, QUERIES);
            case 4 -> "/api-tokens/" + (id.equalsIgnoreCase("self") ? "nope" : id) + "/rotate";
            default -> pick(random, new String[]{"/", "/api-tokens/", "/api-tokens//", "/api-tokens/a/b/c", "/API-TOKENS",
                    "/api-tokens/self/rotate/x", "/nowhere", "/api-tokens;x=1", "*"});
        };
    }

    private static byte[] body(Random random) {
        switch (random.nextInt(12)) {
            case 0:
                return null;
            case 1:
                byte[] noise = new byte[random.nextInt(200)];
                random.nextBytes(noise);
                return noise;
            case 2:
                return "[".repeat(2000 + random.nextInt(3000)).getBytes(StandardCharsets.US_ASCII);
            case 3:
            case 4:
                return ("{\"name\":\"" + pick(random, STRINGS) + "\",\"permissions\":[\"AlertRead\"]}").getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("{\"name\":\"" + "a".repeat(60_000 + random.nextInt(20_000)) + "\",\"permissions\":[]}").getBytes(StandardCharsets.US_ASCII);
            default:
                String json = jsonObject(random, 0);
                if (random.nextInt(4) == 0) {
                    json = json.substring(0, random.nextInt(json.length() + 1));
                }
                return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String jsonObject(Random random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pick(random, FIELDS)).append("\":").append(jsonValue(random, depth + 1));
        }
        return json.append('}').toString();
    }

    private static String jsonValue(Random random, int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 8)) {
            case 0:
                return "null";
            case 1:
                return String.valueOf(random.nextInt());
            case 2:
                return random.nextBoolean() ? "true" : "1e999";
            case 3:
            case 4:
                return '"' + pick(random, STRINGS) + '"';
            case 5:
                return jsonObject(random, depth);
            default:
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        array.append(',');
                    }
                    array.append(jsonValue(random, depth + 1));
                }
                return array.append(']').toString();
        }
    }

    private static String mutate(Random random, String key) {
        char[] chars = key.toCharArray();
        chars[3 + random.nextInt(chars.length - 3)] = (char) ('0' + random.nextInt(10));
        return new String(chars);
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
