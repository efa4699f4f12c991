package dev.keyward.app;

import dev.keyward.domain.manage.TokenBootstrap;
import dev.keyward.domain.token.TokenValue;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Gives an empty installation its first admin token at start: the value of
 * {@code KEYWARD_BOOTSTRAP_TOKEN} if set (it must be well formed), else a fresh value printed once
 * to standard output — deliberately not through the logger, whose output is often shipped elsewhere.
 */
@Singleton
final class Bootstrap implements ApplicationEventListener<StartupEvent> {

    private final TokenBootstrap bootstrap;
    private final String configured;
    private final PrintStream console;

    Bootstrap(TokenBootstrap bootstrap, KeywardSettings settings) {
        this.bootstrap = bootstrap;
        this.configured = settings.bootstrap().token();
        this.console = System.out;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        Optional<TokenValue> value = Optional.ofNullable(configured).filter(s -> !s.isBlank()).map(Bootstrap::parse);
        bootstrap.bootstrap(value).ifPresent(this::announce);
    }

    private static TokenValue parse(String text) {
        try {
            return TokenValue.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new StartupRefusedException("KEYWARD_BOOTSTRAP_TOKEN is " + e.getMessage()
                    + " (the format: 'kw_' + 30 characters of [0-9A-Za-z] + a 6-character CRC32 checksum; see README)");
        }
    }

    private void announce(TokenValue value) {
        String rule = "=".repeat(78);
        console.println(rule);
        console.println(" Keyward created the first admin token, 'bootstrap-admin', with every permission.");
        console.println(" Its value is shown this once and never again; store it somewhere safe:");
        console.println();
        console.println("     " + value.reveal());
        console.println();
        console.println(" Use it as the X-API-Key header. Create narrower tokens with it, then delete it.");
        console.println(rule);
        console.flush();
    }
}
