package dev.keyward.app.console;

import dev.keyward.app.support.Chromium;
import dev.keyward.app.support.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A console test: the whole service on the real database ({@link EndToEndTest}), Debian's Chromium for
 * the class, the console opened signed out before each test, and after it no script error in the
 * browser console. A failed test leaves the page as it saw it in target/console-failures.
 * Subclasses carry {@code @MicronautTest(transactional = false)}.
 */
abstract class ConsoleBrowserTest extends EndToEndTest {

    protected Chromium chromium;
    protected ConsolePage console;

    @RegisterExtension
    final TestWatcher keepTheScreenOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (chromium != null) {
                chromium.screenshot(Path.of("target/console-failures", context.getDisplayName().replaceAll("\\W", "") + ".png"));
            }
        }
    };

    @BeforeAll
    void start_chromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    void stop_chromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open_the_console() {
        console = new ConsolePage(chromium.driver(), api.base()).openSignedOut();
        chromium.consoleMessages();
    }

    @AfterEach
    void the_page_logged_no_script_error_or_blocked_resource() {
        // Refused API calls (401, 400, ...) are logged by Chromium as failed loads: they are expected.
        List<String> problems = chromium.consoleMessages().stream()
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
        assertEquals(List.of(), problems, "the browser console");
    }
}
