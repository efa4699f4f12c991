package dev.keyward.adapter.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock the app provides ({@code KeywardFactory}), for the adapter's tests that start without the app. */
@Factory
class TestClockFactory {

    @Singleton
    @Secondary // on the app's test classpath too: the app's own clock wins there
    Clock clock() {
        return Clock.systemUTC();
    }
}
