package dev.keyward.app.graphql;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.keyward.testkit.HttpApi.GRAPHQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API playground works with no internet access: the page and every script and style it
 * references come from Keyward, none names another host, and the page's Content Security Policy
 * forbids the browser to load anything from elsewhere.
 */
@MicronautTest(transactional = false)
class PlaygroundEndToEndIT extends EndToEndTest {

    private static final String PAGE = "/public/graphiql";
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern CSS_REFERENCE = Pattern.compile("url\\(\\s*['\"]?([^)'\"]*)|@import\\s+['\"]([^'\"]*)");
    /** Hosts that would mean a CDN is still being used. */
    private static final Pattern EXTERNAL_LOAD = Pattern.compile("unpkg\\.com|cdn\\.jsdelivr\\.net|cdnjs\\.cloudflare\\.com|fonts\\.googleapis\\.com|fonts\\.gstatic\\.com");

    private static List<String> references(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return found;
    }

    private static boolean isExternal(String reference) {
        return reference.matches("(?i)^([a-z][a-z0-9+.-]*:|//).*") && !reference.startsWith("data:");
    }

    @Test
    void the_page_is_utf8_html_with_a_policy_that_allows_only_keyward_itself() {
        Reply page = api.get(PAGE, null);

        assertEquals(200, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
        assertTrue(page.body().contains("<meta charset=\"utf-8\">"), page.body());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("default-src 'self'"), policy);
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(policy.contains("connect-src 'self'"), policy);
        assertTrue(page.body().contains("data-endpoint=\"" + GRAPHQL + "\""), "the page points GraphiQL at the GraphQL endpoint");
    }

    @Test
    void every_asset_the_page_references_is_served_by_keyward_and_names_no_external_host() {
        Reply page = api.get(PAGE, null);
        List<String> references = references(REFERENCE, page.body());
        List<String> assets = references.stream().filter(reference -> !reference.startsWith("data:")).toList();

        assertEquals(List.of("data:,"), references.stream().filter(reference -> reference.startsWith("data:")).toList(),
                "only the empty favicon is inline");
        assertEquals(5, assets.size(), "one stylesheet and four scripts: " + assets);
        for (String asset : assets) {
            assertFalse(isExternal(asset), "external reference " + asset);
            assertTrue(asset.startsWith("/"), asset);
            Reply reply = api.get(asset, null);
            assertEquals(200, reply.status(), asset);
            String type = reply.header("Content-Type");
            assertTrue(type.startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript"), asset + " is " + type);
            assertFalse(reply.body().isBlank(), asset);
            assertFalse(EXTERNAL_LOAD.matcher(reply.body()).find(), asset + " names a CDN host");
            assertFalse(reply.body().contains("sourceMappingURL"), asset + " points at a source map Keyward does not serve");
            if (asset.endsWith(".css")) {
                for (String inner : references(CSS_REFERENCE, reply.body())) {
                    assertFalse(isExternal(inner), asset + " loads " + inner);
                }
            }
        }
    }

    @Test
    void the_headers_pane_starts_with_the_api_key_placeholder_and_is_never_persisted() {
        Reply script = api.get("/public/graphiql/assets/playground.js", null);

        assertTrue(script.body().contains("JSON.stringify({ 'X-API-Key': '<ENTER_YOUR_KEY_HERE>' }, null, 2)"), script.body());
        assertTrue(script.body().contains("shouldPersistHeaders: false"), script.body());
    }

    @Test
    void an_unknown_asset_name_is_not_found_and_cannot_reach_other_resources() {
        for (String path : List.of("/public/graphiql/assets/application.yml", "/public/graphiql/assets/..%2Findex.html",
                "/public/graphiql/assets/%2e%2e%2f%2e%2e%2fapplication.yml")) {
            Reply reply = api.get(path, null);
            assertEquals(404, reply.status(), path + ": " + reply.body());
        }
    }
}
