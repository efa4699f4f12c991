package dev.keyward.app.console;

import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating in the console with a chosen overlap: the value replaced keeps working for that long, the
 * console says until when, and the API agrees.
 */
@MicronautTest(transactional = false)
class ConsoleRotationOverlapBrowserIT extends ConsoleBrowserTest {

    private static final String NONE = "None — the current value stops working now";
    private static final String ONE_HOUR = "1 hour";
    private static final String PREVIOUS_VALUE_FACT = "Previous value valid until";

    @Test
    void an_hour_of_overlap_keeps_the_old_value_working_and_the_console_says_until_when() {
        String name = unique("overlap");
        Token created = api.create(admin, name, "OrganizationAPITokenRead");

        console.signIn(admin);
        console.choose(name, "Rotate");
        WebElement none = console.radio(NONE);
        assertTrue(none.isSelected(), "no overlap unless one is chosen");
        assertEquals("How long the current value keeps working",
                none.findElement(By.xpath("ancestor::fieldset/legend")).getText(), "the choices form one named group");
        console.pick(ONE_HOUR);
        assertTrue(console.radio(ONE_HOUR).isSelected());
        assertFalse(console.radio(NONE).isSelected());
        console.confirm();
        String fresh = console.rotatedValue();

        Map<String, Object> token = tokenOverRest(created.id());
        assertNotNull(token.get("previousValueExpiresAt"), "an overlap: " + token);
        Instant until = Instant.parse((String) token.get("previousValueExpiresAt"));
        Duration left = Duration.between(Instant.now(), until);
        // A second of slack: a database may round the stored instant up.
        assertTrue(left.compareTo(Duration.ofMinutes(55)) > 0 && left.compareTo(Duration.ofHours(1).plusSeconds(1)) <= 0,
                "an hour of overlap from the rotation, until " + until);
        String outcome = console.dialog().getText();
        assertTrue(outcome.contains("The previous value keeps working until "), outcome);
        assertShowsAbout(until, console.dialog().findElement(By.cssSelector("#confirm-body time")));

        assertEquals(created.id(), selfOverRest(created.value()).string("id"), "the old value still works");
        assertEquals(created.id(), selfOverRest(fresh).string("id"), "the new value works");
        console.cancelDialog();

        WebElement tile = console.waitForTile(name);
        WebElement fact = console.fact(tile, PREVIOUS_VALUE_FACT)
                .orElseThrow(() -> new AssertionError("no \"" + PREVIOUS_VALUE_FACT + "\" on the tile: " + tile.getText()));
        assertShowsAbout(until, fact.findElement(By.tagName("time")));
    }

    @Test
    void no_overlap_refuses_the_old_value_at_once_and_shows_no_previous_value() {
        String name = unique("no-overlap");
        Token created = api.create(admin, name, "OrganizationAPITokenRead");

        console.signIn(admin);
        console.choose(name, "Rotate");
        console.pick(ONE_HOUR);
        console.pick(NONE);
        assertTrue(console.radio(NONE).isSelected());
        console.confirm();
        String fresh = console.rotatedValue();

        Map<String, Object> token = tokenOverRest(created.id());
        assertTrue(token.containsKey("previousValueExpiresAt"), "the field is always sent: " + token);
        assertNull(token.get("previousValueExpiresAt"), "no overlap");
        String outcome = console.dialog().getText();
        assertFalse(outcome.contains("previous value"), outcome);

        assertEquals(401, api.get("/api-tokens/self", created.value()).status(), "the old value is dead at once");
        assertEquals(created.id(), selfOverRest(fresh).string("id"), "the new value works");
        console.cancelDialog();

        WebElement tile = console.waitForTile(name);
        String rotated = console.fact(tile, "Rotated").orElseThrow().getText();
        assertNotEquals("Never", rotated, "the tile shows the token as it is after the rotation");
        assertTrue(console.fact(tile, PREVIOUS_VALUE_FACT).isEmpty(), tile.getText());
    }

    private Map<String, Object> tokenOverRest(String id) {
        Reply reply = api.get("/api-tokens/" + id, admin);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private Reply selfOverRest(String key) {
        Reply reply = api.get("/api-tokens/self", key);
        assertEquals(200, reply.status(), reply.body());
        return reply;
    }

    /** The element is a {@code <time>} for the instant the API gave, give or take storage precision. */
    private static void assertShowsAbout(Instant expected, WebElement time) {
        Instant shown = Instant.parse(time.getDomAttribute("datetime"));
        assertTrue(Duration.between(expected, shown).abs().compareTo(Duration.ofSeconds(1)) < 0,
                "shows " + shown + ", the API says " + expected);
        assertFalse(time.getText().isBlank(), "a readable time is shown");
    }
}
