package dev.keyward.app.rest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.keyward.app.support.EndToEndTest;
import dev.keyward.app.support.KeywardTestApp;
import dev.keyward.testkit.HttpApi;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Token values never reach the server's log or an error body, whatever the request. */
@MicronautTest(transactional = false)
class SecretHygieneEndToEndIT extends EndToEndTest {

    @Test
    void no_token_value_appears_in_the_log_or_in_an_error_body() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger keyward = (Logger) LoggerFactory.getLogger("dev.keyward");
        Level keywardLevel = keyward.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        keyward.setLevel(Level.DEBUG);
        List<String> secrets = new ArrayList<>(List.of(admin));
        try {
            Token token = api.create(admin, unique("hygiene"), "OrganizationAPITokenRead");
            secrets.add(token.value());
            secrets.add(api.rotate(token.id(), admin).string("value"));
            String forged = KeywardTestApp.newKey();
            secrets.add(forged);
            assertEquals(401, api.get("/api-tokens/self", token.value()).status());
            assertEquals(401, api.post("/api-tokens", forged, "{\"name\":").status());
            for (String key : List.of(admin, forged)) {
                for (Reply reply : List.of(
                        api.post("/api-tokens", key, "{\"name\":"),
                        api.post("/api-tokens", key, "{\"name\":\"" + key + "\",\"permissions\":[\"" + key + "\"]}"),
                        api.get("/api-tokens/" + key, key),
                        api.send("PUT", "/api-tokens", key, HttpApi.JSON, "{}"))) {
                    if (reply.status() >= 400) {
                        assertFalse(reply.body().contains(key), "an error body echoes the presented key: " + reply.body());
                    }
                }
            }
        } finally {
            root.detachAppender(captured);
            keyward.setLevel(keywardLevel);
        }
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                // Any 16 consecutive characters: a hex dump of a request shows a key split across rows of 16.
                for (int i = 0; i + 16 <= secret.length(); i++) {
                    String window = secret.substring(i, i + 16);
                    assertFalse(text.contains(window), "logger " + event.getLoggerName() + " at " + event.getLevel()
                            + " logged part of a token value (" + window.length() + " characters of it)");
                }
            }
        }
    }
}
