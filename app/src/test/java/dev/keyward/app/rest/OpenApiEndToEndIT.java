package dev.keyward.app.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.testkit.HttpApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST API's schema is discoverable at {@code /openapi.json}, keeps the component names of the
 * published specification, and describes what the service really answers: live responses of every
 * operation and status validate against the served document's schema for that operation and status.
 */
@MicronautTest(transactional = false)
class OpenApiEndToEndIT extends EndToEndTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private String served;
    private JsonNode document;

    @BeforeAll
    void fetchTheServedDocument() throws IOException {
        Reply reply = api.get("/openapi.json", null);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"));
        served = reply.body();
        document = MAPPER.readTree(served);
    }

    @Test
    void a_well_kept_openapi_parser_reads_the_served_document_without_a_single_message() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(served, null, options);

        assertEquals(List.of(), result.getMessages());
        assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
        Schema<?> update = result.getOpenAPI().getComponents().getSchemas().get("APITokenAPI.ModifyAPIToken");
        assertEquals(Boolean.TRUE, ((Schema<?>) update.getProperties().get("allowedCIDRBlocks")).getNullable());
    }

    /**
     * URL-safe operationIds (Redocly's default rules and several generators reject the published
     * specification's {@code api token#create}); this is one of this copy's documented corrections.
     */
    @Test
    void every_operation_id_is_url_safe_and_names_its_act() {
        List<String> ids = new ArrayList<>();
        document.get("paths").forEach(operations -> operations.forEach(operation -> {
            if (operation.has("operationId")) {
                ids.add(operation.get("operationId").asText());
            }
        }));

        assertEquals(List.of("createApiToken", "listApiTokens", "getApiToken", "updateApiToken", "deleteApiToken", "rotateApiToken",
                "reportLeakedTokens", "reportGitHubSecretScanning", "verifyApiToken",
                "forwardAuthGet", "forwardAuthPost", "forwardAuthPut", "forwardAuthPatch", "forwardAuthDelete", "forwardAuthOptions",
                "introspectToken", "createOwner", "listOwners", "getOwner", "updateOwner", "deleteOwner",
                "bulkDeleteApiTokens"), ids);
        assertTrue(ids.stream().allMatch(id -> id.matches("[a-z][A-Za-z]+")), "camelCase, URL-safe: " + ids);
        assertTrue(document.at("/info/description").asText().contains("operationIds are URL-safe"));
    }

    @Test
    void the_served_document_keeps_every_component_name_of_the_published_specification() throws IOException {
        JsonNode published = MAPPER.readTree(Files.readString(publishedSpecification()));

        List<String> missing = new ArrayList<>();
        published.get("components").get("schemas").fieldNames().forEachRemaining(name -> {
            if (!document.get("components").get("schemas").has(name)) {
                missing.add(name);
            }
        });
        assertEquals(List.of(), missing);
        assertEquals(List.of("user", "api-token", "system"),
                MAPPER.convertValue(document.at("/components/schemas/APITokenAPI.APIToken/properties/createdBy/properties/type/enum"), List.class));
        assertTrue(document.at("/components/schemas/APITokenAPI.CreateAPIToken/properties/expiresAt").isObject());
    }

    /** docs/spec of the repository: the first directory above the module (Maven's working directory) that has it. */
    private static Path publishedSpecification() {
        Path spec = Path.of("docs", "spec", "api-tokens.openapi.json");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(spec))) {
                return dir.resolve(spec);
            }
        }
        throw new AssertionError(spec + " not found in " + Path.of("").toAbsolutePath() + " or any directory above it");
    }

    @Test
    void live_responses_of_every_operation_validate_against_the_served_document() {
        String expires = Instant.now().plusSeconds(3600).toString();
        Reply created = api.post("/api-tokens", admin, "{\"name\":\"" + unique("openapi") + "\",\"permissions\":[\"OrganizationAPITokenRead\"],"
                + "\"allowedCIDRBlocks\":[\"127.0.0.0/8\"],\"expiresAt\":\"" + expires + "\"}");
        String id = created.string("id");
        String value = created.string("value");
        Reply plain = api.post("/api-tokens", admin, "{\"name\":\"" + unique("plain") + "\",\"permissions\":[]}");

        assertValid("/api-tokens", "post", created);
        assertValid("/api-tokens", "post", plain);
        assertValid("/api-tokens", "get", api.get("/api-tokens?limit=1", admin));
        assertValid("/api-tokens", "get", api.get("/api-tokens?limit=100", admin));
        assertValid("/api-tokens/{id}", "get", api.get("/api-tokens/" + id, admin));
        assertValid("/api-tokens/{id}", "get", api.get("/api-tokens/self", value));
        assertValid("/api-tokens/{id}", "post", api.post("/api-tokens/" + id, admin, "{\"name\":\"renamed\",\"permissions\":[]}"));
        assertValid("/api-tokens/{id}/rotate", "post", api.rotate(id, admin));
        assertValid("/api-tokens/{id}", "delete", api.delete("/api-tokens/" + plain.string("id"), admin));
    }

    @Test
    void live_responses_of_the_doors_validate_against_the_served_document() {
        Reply reader = api.post("/api-tokens", admin, "{\"name\":\"" + unique("door") + "\",\"permissions\":[\"AlertRead\"],"
                + "\"allowedCIDRBlocks\":[\"10.0.0.0/8\"],\"expiresAt\":\"" + Instant.now().plusSeconds(3600) + "\"}");
        String key = reader.string("value");
        String form = "application/x-www-form-urlencoded";

        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\",\"clientAddress\":\"10.0.0.1\"}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"permissions\":[\"RuleRead\"],\"clientAddress\":\"10.0.0.1\"}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin,
                "{\"key\":\"" + key + "\",\"permissions\":\"RuleRead OR (AlertRead AND UserRead)\",\"clientAddress\":\"10.0.0.1\"}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin, "{\"key\":\"" + key + "\",\"permissions\":\"RuleRead AND\"}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin, "{\"key\":\"kw_nothing\"}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", admin, "{\"key\":7}"));
        assertValid("/api-tokens/verify", "post", api.post("/api-tokens/verify", key, "{\"key\":\"" + key + "\"}"));
        assertValid("/introspect", "post", api.send("POST", "/introspect", admin, form, "token=" + key + "&client_address=10.0.0.1"));
        assertValid("/introspect", "post", api.send("POST", "/introspect", admin, form, "token=" + key));
        assertValid("/introspect", "post", api.send("POST", "/introspect", admin, form, "client_address=10.0.0.1"));
        assertValid("/introspect", "post", api.send("POST", "/introspect", null, form, "token=" + key));
        assertValid("/forward-auth", "get", api.get("/forward-auth", key));
    }

    @Test
    void live_error_responses_validate_against_the_served_document() {
        Reply reader = api.post("/api-tokens", admin, "{\"name\":\"" + unique("reader") + "\",\"permissions\":[\"OrganizationAPITokenRead\"]}");

        assertValid("/api-tokens", "get", api.get("/api-tokens", "not-a-key"));
        assertValid("/api-tokens", "get", api.get("/api-tokens?limit=0", admin));
        assertValid("/api-tokens", "post", api.post("/api-tokens", admin, "{\"name\":\"\",\"permissions\":[]}"));
        assertValid("/api-tokens", "post", api.post("/api-tokens", reader.string("value"), "{\"name\":\"x\",\"permissions\":[]}"));
        assertValid("/api-tokens/{id}", "get", api.get("/api-tokens/0190a3c4-0000-7000-8000-000000000000", admin));
        assertValid("/api-tokens/{id}/rotate", "post", api.rotate(api.idOf(admin), reader.string("value")));
    }

    @Test
    void the_leak_doors_answers_validate_against_the_served_document() {
        Reply victim = api.post("/api-tokens", admin, "{\"name\":\"" + unique("leaked") + "\",\"permissions\":[]}");
        String report = "[{\"token\":\"" + victim.string("value") + "\",\"location\":\"https://example.com\",\"source\":\"test\"},"
                + "{\"token\":\"nonsense\"}]";

        assertValid("/leaked-tokens", "post", api.post("/leaked-tokens", admin, report));
        assertValid("/leaked-tokens", "post", api.post("/leaked-tokens", admin, "[{\"token\":1}]"));
        assertValid("/leaked-tokens", "post", api.post("/leaked-tokens", "not-a-key", report));
        assertValid("/secret-scanning/github", "post", api.post("/secret-scanning/github", null, "[]"));
    }

    @Test
    void the_validation_can_fail_a_token_with_an_unexpected_field_or_a_wrong_actor_type() throws IOException {
        JsonNode token = MAPPER.readTree(api.get("/api-tokens/self", admin).body());
        JsonNode schema = document.at("/paths/~1api-tokens~1{id}/get/responses/200/content/application~1json/schema");
        ObjectNode leaking = token.deepCopy();
        leaking.put("secretHash", "00");
        ObjectNode badActor = token.deepCopy();
        ((ObjectNode) badActor.get("createdBy")).put("type", "robot");

        assertEquals(Set.of(), schemaFor(schema).validate(token));
        assertEquals(1, schemaFor(schema).validate(leaking).size());
        assertEquals(1, schemaFor(schema).validate(badActor).size());
    }

    /** Validates a response against the schema the served document gives for its operation and status. */
    private void assertValid(String path, String method, Reply reply) {
        JsonNode response = document.path("paths").path(path).path(method).path("responses").path(String.valueOf(reply.status()));
        assertTrue(response.isObject(), method + " " + path + " documents no " + reply.status() + " response: " + reply.body());
        JsonNode schema = response.at("/content/application~1json/schema");
        if (schema.isMissingNode()) {
            assertTrue(reply.body().isEmpty(), method + " " + path + " " + reply.status() + " documents no body but sent " + reply.body());
            return;
        }
        Set<ValidationMessage> problems;
        try {
            problems = schemaFor(schema).validate(MAPPER.readTree(reply.body()));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
        assertEquals(Set.of(), problems, method + " " + path + " " + reply.status() + ": " + reply.body());
    }

    /**
     * A JSON Schema (draft 4, which OpenAPI 3.0 schemas extend) of the given schema object with the
     * document's components beside it so that its $refs resolve; OpenAPI's {@code nullable} becomes
     * a {@code "null"} type.
     */
    private JsonSchema schemaFor(JsonNode schema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("allOf", MAPPER.createArrayNode().add(schema.deepCopy()));
        root.set("components", toJsonSchema(document.get("components").deepCopy()));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
    }

    private static JsonNode toJsonSchema(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (object.path("nullable").asBoolean(false) && type != null && type.isTextual()) {
                ArrayNode types = MAPPER.createArrayNode().add(type.asText()).add("null");
                object.set("type", types);
                object.remove("nullable");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                toJsonSchema(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiEndToEndIT::toJsonSchema);
        }
        return node;
    }
}
