package dev.keyward.adapter.persistence;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Keyward's background schedulers (this adapter's, and the app's health watches): one named daemon thread each, so a stop never waits for them. */
public final class Daemons {

    private Daemons() {
    }

    public static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
