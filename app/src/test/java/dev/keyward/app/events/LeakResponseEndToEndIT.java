package dev.keyward.app.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyward.adapter.events.TestKafka;
import dev.keyward.testkit.HttpApi.Reply;
import io.cloudevents.CloudEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leak response on the real database: a reported live value deletes its token with exactly one
 * {@code leaked} event and no {@code deleted} one; a repeat report makes none; GitHub's signed partner
 * report does the same, and an unsigned or wrongly signed one revokes nothing. The test signs with an
 * EC P-256 key pair it generates, published to Keyward as GitHub publishes its keys.
 */
@MicronautTest(transactional = false)
class LeakResponseEndToEndIT extends KafkaEndToEndTest {

    static final String KEY_ID = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";

    private final ObjectMapper tree = new ObjectMapper();
    private final KeyPair github = newKeyPair();
    private final KeyPair stranger = newKeyPair();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("keyward.leaks.github-public-keys", publishedKeys(github).toString());
        return properties;
    }

    @Test
    void the_leaked_event_reaches_kafka_with_location_and_source_and_without_any_value() throws Exception {
        var victim = api.create(admin, "leaked-to-kafka", "RuleRead");
        var bystander = api.create(admin, "pasted-beside-it", "RuleRead");
        array(api.post("/leaked-tokens", admin, "[{\"token\":\"" + victim.value() + "\",\"location\":\"https://example.com/paste?k="
                + bystander.value() + "\",\"source\":\"a person who pasted " + victim.value() + "\"}]"));

        Consumed consumed = new Consumed(TestKafka.consume(kafka.bootstrapServers(), topic,
                records -> new Consumed(records).events.stream().anyMatch(e -> e.getType().endsWith(".leaked")
                        && victim.id().equals(e.getSubject())), Duration.ofSeconds(60)));
        List<CloudEvent> leaked = consumed.events.stream()
                .filter(e -> victim.id().equals(e.getSubject()) && e.getType().equals("dev.keyward.api-token.leaked")).toList();

        assertEquals(1, leaked.size());
        JsonNode data = tree.readTree(leaked.get(0).getData().toBytes());
        assertEquals("https://example.com/paste?k=kw_[redacted]", data.get("location").asText(), "values pasted into the report are redacted");
        assertEquals("a person who pasted kw_[redacted]", data.get("source").asText());
        consumed.rawTexts().forEach(text -> assertFalse(text.contains(victim.value().substring(3))
                || text.contains(bystander.value().substring(3)), text));
        List<String> stored = new Outbox(server.getApplicationContext().getBean(DataSource.class)).payloadsOf(victim.id());
        assertTrue(stored.stream().anyMatch(payload -> payload.contains("kw_[redacted]")), stored.toString());
        stored.forEach(payload -> assertFalse(payload.contains(bystander.value().substring(3)), payload));
    }

    private List<String> eventTypesOf(String tokenId) {
        return new Outbox(server.getApplicationContext().getBean(DataSource.class)).typesOf(tokenId);
    }

    private List<Map<String, Object>> array(Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        try {
            return json.readValue(reply.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_reported_value_deletes_its_token_with_one_leaked_event_and_a_repeat_makes_none() {
        var victim = api.create(admin, "leaked-ci", "RuleRead");
        String report = "[{\"token\":\"" + victim.value() + "\",\"location\":\"https://example.com/ci.log\",\"source\":\"siem\"}]";

        assertEquals(List.of(Map.of("token", victim.value().substring(0, 8) + "…", "result", "revoked")),
                array(api.post("/leaked-tokens", admin, report)));
        assertEquals(401, api.get("/api-tokens/self", victim.value()).status());
        assertEquals(404, api.get("/api-tokens/" + victim.id(), admin).status());
        assertEquals("already-dead", array(api.post("/leaked-tokens", admin, report)).get(0).get("result"));
        assertEquals(List.of("created", "leaked"), eventTypesOf(victim.id()));
    }

    @Test
    void github_signed_reports_revoke_and_answer_githubs_feedback() throws Exception {
        var victim = api.create(admin, "pushed-to-github", "RuleRead");
        String body = "[{\"token\":\"" + victim.value() + "\",\"type\":\"keyward_api_token\",\"url\":\"https://github.com/o/r/blob/x/.env\","
                + "\"source\":\"content\"},{\"token\":\"kw_notreallyatoken\",\"type\":\"keyward_api_token\",\"url\":null,\"source\":\"commit\"}]";

        Reply reply = api.send("POST", "/secret-scanning/github", null, "application/json", body,
                "GITHUB-PUBLIC-KEY-IDENTIFIER", KEY_ID, "GITHUB-PUBLIC-KEY-SIGNATURE", sign(github, body));

        assertEquals(List.of(
                Map.of("token_raw", victim.value(), "token_type", "keyward_api_token", "label", "true_positive"),
                Map.of("token_raw", "kw_notreallyatoken", "token_type", "keyward_api_token", "label", "false_positive")), array(reply));
        assertEquals(401, api.get("/api-tokens/self", victim.value()).status());
        assertEquals(List.of("created", "leaked"), eventTypesOf(victim.id()));
    }

    @Test
    void a_report_without_a_good_github_signature_is_a_401_and_revokes_nothing() throws Exception {
        var victim = api.create(admin, "still-alive", "OrganizationAPITokenRead");
        String body = "[{\"token\":\"" + victim.value() + "\",\"type\":\"keyward_api_token\",\"url\":\"https://x\",\"source\":\"content\"}]";

        List<Reply> refused = List.of(
                api.send("POST", "/secret-scanning/github", null, "application/json", body),
                api.send("POST", "/secret-scanning/github", null, "application/json", body,
                        "GITHUB-PUBLIC-KEY-IDENTIFIER", KEY_ID, "GITHUB-PUBLIC-KEY-SIGNATURE", sign(stranger, body)),
                api.send("POST", "/secret-scanning/github", null, "application/json", body,
                        "GITHUB-PUBLIC-KEY-IDENTIFIER", KEY_ID, "GITHUB-PUBLIC-KEY-SIGNATURE", sign(github, body + " ")),
                api.send("POST", "/secret-scanning/github", null, "application/json", body,
                        "GITHUB-PUBLIC-KEY-IDENTIFIER", "unknown-key", "GITHUB-PUBLIC-KEY-SIGNATURE", sign(github, body)),
                api.send("POST", "/secret-scanning/github", null, "application/json", body,
                        "GITHUB-PUBLIC-KEY-IDENTIFIER", KEY_ID, "GITHUB-PUBLIC-KEY-SIGNATURE", "not base64!"));

        for (Reply reply : refused) {
            assertEquals(401, reply.status(), reply.body());
            assertFalse(reply.message().contains(victim.value()), reply.body());
        }
        assertEquals(200, api.get("/api-tokens/self", victim.value()).status());
        assertEquals(List.of("created"), eventTypesOf(victim.id()));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** base64 DER ECDSA/SHA-256 over the UTF-8 body, as GitHub signs. */
    private static String sign(KeyPair pair, String body) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /** A file shaped like GitHub's https://api.github.com/meta/public_keys/secret_scanning, with one current key. */
    private static Path publishedKeys(KeyPair pair) {
        // PEM lines of 64 characters, joined by JSON's escaped newline, as GitHub's document has them
        String base64 = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\\n" + String.join("\\n", base64.split("(?<=\\G.{64})"))
                + "\\n-----END PUBLIC KEY-----\\n";
        String document = "{\"public_keys\": [{\"key_identifier\": \"" + KEY_ID + "\", \"key\": \"" + pem + "\", \"is_current\": true}]}";
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-data"));
            Path file = Files.createTempFile(dir, "github-keys-", ".json");
            Files.writeString(file, document);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
