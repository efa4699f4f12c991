package dev.keyward.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder between the service and its database, so a test can cut the database off (refuse
 * new connections and drop open ones, as a failed network or a restarting server does) and bring it
 * back on the same port, without touching the database server itself.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern HOST_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^/:?]+):(\\d+)(.*)$");

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    /** While set, bytes go nowhere and new connections get no answer: a black hole, not a refusal. */
    private volatile boolean blackHoled;
    private int port;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A proxy in front of the host and port of {@code jdbcUrl}, already accepting. */
    public static TcpProxy inFrontOf(String jdbcUrl) {
        Matcher matcher = matcher(jdbcUrl);
        TcpProxy proxy = new TcpProxy(matcher.group(2), Integer.parseInt(matcher.group(3)));
        proxy.open();
        return proxy;
    }

    /** {@code jdbcUrl} pointed at this proxy instead. */
    public String rewrite(String jdbcUrl) {
        Matcher matcher = matcher(jdbcUrl);
        return matcher.group(1) + "127.0.0.1:" + port + matcher.group(4);
    }

    /**
     * The black hole: every byte in either direction is dropped and new connections are accepted but
     * never answered, while nothing is closed (a firewall dropping packets, a frozen server).
     */
    public synchronized void blackHole() {
        blackHoled = true;
    }

    /** Accepts again, on the same port as before; after a black hole, drops what it held (TCP gave up). */
    public synchronized void open() {
        if (blackHoled) {
            blackHoled = false;
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            port = socket.getLocalPort();
            listener = socket;
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cut: new connections are refused and every open one is dropped. */
    public synchronized void cut() {
        closeQuietly(listener);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (blackHoled) {
                    synchronized (this) {
                        open.add(client); // held open, never answered
                    }
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                synchronized (this) {
                    if (socket.isClosed()) {
                        // accepted just before a cut: it must not outlive it
                        closeQuietly(client);
                        closeQuietly(server);
                        return;
                    }
                    open.add(client);
                    open.add(server);
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (!blackHoled) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            } catch (IOException ignored) {
                // one side closed: close the other too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static Matcher matcher(String jdbcUrl) {
        Matcher matcher = HOST_PORT.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a jdbc:<driver>://host:port/... URL: " + jdbcUrl);
        }
        return matcher;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }
}
