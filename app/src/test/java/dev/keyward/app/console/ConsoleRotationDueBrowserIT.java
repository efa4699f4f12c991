package dev.keyward.app.console;

import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console marks a token whose rotation is due, with a 4-second rotation period so the test need not wait days. */
@MicronautTest(transactional = false)
class ConsoleRotationDueBrowserIT extends ConsoleBrowserTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("keyward.tokens.rotation-period", "4s");
        return properties;
    }

    @Test
    void a_token_unrotated_for_a_period_is_marked_and_a_freshly_rotated_one_is_not() throws InterruptedException {
        Token stale = api.create(admin, "stale-" + System.nanoTime(), "AlertRead");
        Token fresh = api.create(admin, "fresh-" + System.nanoTime(), "AlertRead");
        Thread.sleep(4_200);
        assertEquals(200, api.rotate(fresh.id(), admin).status());

        console.openSignedOut();
        console.signIn(admin);
        WebElement staleTile = console.waitForTile(api.get("/api-tokens/" + stale.id(), admin).string("name"));
        WebElement freshTile = console.waitForTile(api.get("/api-tokens/" + fresh.id(), admin).string("name"));

        assertTrue(staleTile.findElement(By.cssSelector(".badge-rotation-due")).isDisplayed());
        assertFalse(freshTile.findElement(By.cssSelector(".badge-rotation-due")).isDisplayed());
        assertNotNull(staleTile.findElement(By.cssSelector(".fact-rotation-due time")).getDomAttribute("datetime"));
    }
}
