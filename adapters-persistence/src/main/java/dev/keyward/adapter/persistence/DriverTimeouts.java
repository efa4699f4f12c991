package dev.keyward.adapter.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/**
 * Gives MariaDB and MySQL connections bounded connect and socket timeouts unless the datasource URL
 * sets its own: the drivers' defaults wait for ever, so an unreachable database would hang requests
 * instead of failing them fast (the pool's {@code connection-timeout} bounds only the wait for a
 * connection). The socket timeout bounds a connection that went silent mid-statement (a database
 * behind a black hole answers nothing and closes nothing): 2 s, so such a request still gets its 503
 * within 2.5 s; no Keyward statement runs anywhere near it. H2 needs neither and would refuse the unknown properties.
 */
@Singleton
final class DriverTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** Milliseconds, as both drivers take them. */
    static final Map<String, String> DEFAULTS = Map.of("connectTimeout", "1000", "socketTimeout", "2000");

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        String url = datasource.getJdbcUrl() != null ? datasource.getJdbcUrl() : datasource.getUrl();
        defaultsFor(url).forEach((name, value) -> {
            if (!datasource.getDataSourceProperties().containsKey(name)) {
                datasource.addDataSourceProperty(name, value);
            }
        });
        return datasource;
    }

    /** The timeouts to add for {@code url}: none for other drivers, and none that the URL already sets. */
    static Map<String, String> defaultsFor(String url) {
        if (url == null) {
            return Map.of();
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:mariadb:") && !lower.startsWith("jdbc:mysql:")) {
            return Map.of();
        }
        String query = lower.contains("?") ? lower.substring(lower.indexOf('?')) : "";
        Map<String, String> added = new java.util.LinkedHashMap<>();
        DEFAULTS.forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT) + "=";
            if (!query.contains("?" + key) && !query.contains("&" + key)) {
                added.put(name, value);
            }
        });
        return added;
    }
}
