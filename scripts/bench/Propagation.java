import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long node B keeps accepting a value that node A has rotated away. For each round: make sure B
 * accepts the current value (so a node-local cache on B holds it), rotate the token on A with an
 * admin key, then poll B with the old value as fast as one connection allows until it answers 401;
 * the figure is the time from A's 200 to B's first 401. Run:
 * java Propagation.java NODE_A_URL NODE_B_URL ADMIN_KEY TOKEN_ID TOKEN_VALUE ROUNDS
 */
public class Propagation {
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*\"(kw_[0-9A-Za-z]{36})\"");
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: java Propagation.java NODE_A_URL NODE_B_URL ADMIN_KEY TOKEN_ID TOKEN_VALUE ROUNDS");
            System.exit(2);
        }
        String nodeA = args[0], nodeB = args[1], admin = args[2], id = args[3];
        String current = args[4];
        int rounds = Integer.parseInt(args[5]);
        // HTTP/1.1 keep-alive: no h2c upgrade attempt on every poll
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        List<Double> millis = new ArrayList<>();
        int timeouts = 0;
        long polls = 0;
        for (int round = 0; round < rounds; round++) {
            if (status(http, nodeB, current) != 200) {
                fail("node B does not accept the current value before rotation " + (round + 1));
            }
            HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(nodeA + "/api-tokens/" + id + "/rotate"))
                    .header("X-API-Key", admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            long rotatedAt = System.nanoTime();
            if (rotated.statusCode() != 200) {
                fail("rotation " + (round + 1) + " on node A answered " + rotated.statusCode());
            }
            Matcher value = VALUE.matcher(rotated.body());
            if (!value.find()) {
                fail("rotation " + (round + 1) + " on node A returned no value");
            }
            String old = current;
            current = value.group(1);

            long deadline = rotatedAt + GIVE_UP.toNanos();
            while (true) {
                int status = status(http, nodeB, old);
                polls++;
                if (status == 401) {
                    millis.add((System.nanoTime() - rotatedAt) / 1e6);
                    break;
                }
                if (status != 200) {
                    fail("node B answered " + status + " for the old value");
                }
                if (System.nanoTime() > deadline) {
                    timeouts++;
                    break;
                }
            }
        }
        Collections.sort(millis);
        System.out.printf("PROPAGATION rounds=%d refused=%d timeouts=%d polls=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                rounds, millis.size(), timeouts, polls,
                percentile(millis, 50), percentile(millis, 99), millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1));
    }

    private static int status(HttpClient http, String node, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node + "/api-tokens/self")).header("X-API-Key", key).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void fail(String message) {
        System.err.println("Propagation: " + message);
        System.exit(1);
    }
}
