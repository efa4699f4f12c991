package dev.keyward.adapter.graphql;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the API playground (GraphiQL) and the schemas, all from Keyward itself so they work with
 * no internet access: the page, the React and GraphiQL builds it runs (vendored from npm) and the
 * GraphQL schema as SDL. The playground's Content Security Policy (a header, so that it can forbid
 * framing) lets the browser load nothing from any other host; X-Content-Type-Options comes from app,
 * which sets it on every response.
 */
@Controller
final class PlaygroundController {

    static final String PAGE_PATH = "/public/graphiql";
    static final String ASSETS_PATH = PAGE_PATH + "/assets/";
    static final String PLAYGROUND_SCRIPT = "playground.js";

    /** Only these files are served: a request can never name another classpath resource. */
    private static final Map<String, String> ASSETS = Map.of(
            "graphiql-3.0.6.min.js", "text/javascript;charset=utf-8",
            "graphiql-3.0.6.min.css", "text/css;charset=utf-8",
            "react-18.2.0.production.min.js", "text/javascript;charset=utf-8",
            "react-dom-18.2.0.production.min.js", "text/javascript;charset=utf-8",
            PLAYGROUND_SCRIPT, "text/javascript;charset=utf-8",
            "THIRD-PARTY-LICENSES.txt", "text/plain;charset=utf-8");

    /** GraphiQL sets inline styles and shows inline SVG and fonts as data: URLs; everything else is same-origin. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String page;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    PlaygroundController(@Value("${graphql.path:/public/graphql}") String graphqlPath) {
        this.page = new String(resource("playground/index.html").orElseThrow(), StandardCharsets.UTF_8)
                .replace("{{GRAPHQL_PATH}}", escapeAttribute(graphqlPath));
    }

    @Get(PAGE_PATH)
    MutableHttpResponse<String> page() {
        return HttpResponse.ok(page)
                .contentType("text/html;charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    @Get(ASSETS_PATH + "{name}")
    MutableHttpResponse<byte[]> asset(@PathVariable String name) {
        String type = ASSETS.get(name);
        if (type == null) {
            return HttpResponse.notFound();
        }
        // Our own script sits beside the page; third-party builds under vendor/ (kept apart for licences and tooling).
        String directory = name.equals(PLAYGROUND_SCRIPT) ? "playground/" : "playground/vendor/";
        byte[] bytes = cache.computeIfAbsent(name, n -> resource(directory + n).orElseThrow());
        return HttpResponse.ok(bytes)
                .contentType(type)
                .header("Referrer-Policy", "no-referrer")
                // playground.js is not versioned by name; the vendored builds are.
                .header("Cache-Control", name.equals(PLAYGROUND_SCRIPT) ? "no-cache" : "public, max-age=86400");
    }

    @Get("${graphql.path:/public/graphql}/schema.graphqls")
    MutableHttpResponse<String> graphqlSchema() {
        return HttpResponse.ok(GraphQLFactory.schemaText()).contentType("text/plain;charset=utf-8");
    }

    private static Optional<byte[]> resource(String path) {
        try (InputStream in = PlaygroundController.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeAttribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
