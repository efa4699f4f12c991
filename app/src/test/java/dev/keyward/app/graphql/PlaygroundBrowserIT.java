package dev.keyward.app.graphql;

import dev.keyward.app.support.Chromium;
import dev.keyward.app.support.EndToEndTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The playground in a real browser (Debian's headless Chromium, which has no way out of this machine
 * anyway): GraphiQL renders from Keyward's own assets, loads nothing from another origin, shows the
 * key placeholder in its headers pane, and runs a query once a real key replaces the placeholder.
 */
@MicronautTest(transactional = false)
class PlaygroundBrowserIT extends EndToEndTest {

    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void startChromium() {
        chromium = Chromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    private Object script(String javascript) {
        return browser.executeScript(javascript);
    }

    @Test
    void graphiql_renders_offline_with_the_key_placeholder_and_runs_a_query_with_a_real_key() {
        String origin = api.base();
        browser.get(origin + "/public/graphiql");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> !driver.findElements(By.cssSelector(".graphiql-container .CodeMirror")).isEmpty());

        String headers = (String) wait.until(driver -> script(
                "return [...document.querySelectorAll('.CodeMirror')].map(e => e.CodeMirror.getValue())"
                        + ".find(v => v.includes('X-API-Key')) || null;"));
        assertEquals("{\n  \"X-API-Key\": \"<ENTER_YOUR_KEY_HERE>\"\n}", headers);

        script("[...document.querySelectorAll('.CodeMirror')].map(e => e.CodeMirror)"
                + ".find(c => c.getValue().includes('X-API-Key')).setValue(arguments[0]);".replace("arguments[0]",
                "'{\"X-API-Key\": \"" + admin + "\"}'"));
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
        String response = (String) wait.until(driver -> script(
                "const r = document.querySelector('.graphiql-response .CodeMirror');"
                        + "return r && r.CodeMirror.getValue().includes('bootstrap-admin') ? r.CodeMirror.getValue() : null;"));
        assertTrue(response.contains("\"name\": \"bootstrap-admin\""), response);

        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name);");
        assertTrue(loaded.size() >= 5, "the page loaded its assets and called the API: " + loaded);
        for (String url : loaded) {
            assertTrue(url.startsWith(origin + "/") || url.startsWith("data:"), "loaded from elsewhere: " + url);
        }
        List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems, "script errors or Content Security Policy violations");
    }
}
