package dev.keyward.app.support;

import dev.keyward.testkit.HttpApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Several Keyward nodes on one fresh database on the real MariaDB/MySQL, each on a port of its own,
 * with the same bootstrap admin and settings, and an {@link HttpApi} per node.
 */
public final class KeywardNodes implements AutoCloseable {

    /** Where a test's nodes keep their tokens: one server, or the nodes of a Galera cluster. */
    @FunctionalInterface
    public interface Database {
        KeywardNodes start(int count, String database, String admin, Map<String, Object> settings,
                           IntFunction<Map<String, Object>> perNode);
    }

    /** All nodes on one fresh database of the one MariaDB/MySQL server ({@link #start}). */
    public static final Database ONE_SERVER = KeywardNodes::start;
    /** Node {@code i} on cluster node {@code i % 3} of the Galera cluster ({@link #onGalera}). */
    public static final Database GALERA = KeywardNodes::onGalera;

    private final List<EmbeddedServer> nodes = new ArrayList<>();
    private final List<HttpApi> apis;

    private KeywardNodes(int count, Map<String, Object> properties, IntFunction<Map<String, Object>> perNode) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> node = new HashMap<>(properties);
            node.putAll(perNode.apply(i));
            nodes.add(ApplicationContext.run(EmbeddedServer.class, node));
        }
        JsonMapper json = nodes.get(0).getApplicationContext().getBean(JsonMapper.class);
        apis = nodes.stream().map(node -> new HttpApi(node.getPort(), json)).toList();
    }

    /**
     * @param database the database's name part (see {@link KeywardTestApp#properties})
     * @param settings what every node sets beyond the test defaults
     */
    public static KeywardNodes start(int count, String database, String admin, Map<String, Object> settings) {
        return start(count, database, admin, settings, node -> Map.of());
    }

    /** @param perNode what node {@code i} (from 0) sets beyond {@code settings} */
    public static KeywardNodes start(int count, String database, String admin, Map<String, Object> settings,
                                     IntFunction<Map<String, Object>> perNode) {
        return new KeywardNodes(count, shared(KeywardTestApp.properties(database, admin), settings), perNode);
    }

    /** What every node sets: the test app's properties, a port of its own, then {@code settings}. */
    private static Map<String, Object> shared(Map<String, String> app, Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(app);
        properties.put("micronaut.server.port", "-1");
        properties.putAll(settings);
        return properties;
    }

    /**
     * {@code count} nodes on one fresh database of the {@link GaleraCluster}, node {@code i} talking to
     * cluster node {@code i % 3}.
     */
    public static KeywardNodes onGalera(int count, String database, String admin, Map<String, Object> settings,
                                        IntFunction<Map<String, Object>> perNode) {
        String created = GaleraCluster.recreate(database);
        Map<String, Object> properties = shared(KeywardTestApp.properties(GaleraCluster.datasource(created, 0), admin), settings);
        return new KeywardNodes(count, properties, node -> {
            Map<String, Object> own = new HashMap<>(GaleraCluster.datasource(created, node % GaleraCluster.nodes().size()));
            own.putAll(perNode.apply(node));
            return own;
        });
    }

    public EmbeddedServer node(int index) {
        return nodes.get(index);
    }

    /** A bean of node {@code index}'s application context. */
    public <T> T bean(int index, Class<T> type) {
        return nodes.get(index).getApplicationContext().getBean(type);
    }

    public List<HttpApi> apis() {
        return apis;
    }

    @Override
    public void close() {
        nodes.forEach(EmbeddedServer::close);
    }
}
