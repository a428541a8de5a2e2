package io.github.camelaliyun.vod.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The JDK HTTP server on a loopback port, with daemon threads named after the emulator it serves: what the VOD and the
 * credentials emulators share. Nothing it serves is reachable from another machine.
 */
final class LoopbackHttpServer implements AutoCloseable {

    static {
        // without this every reply of the JDK server waits ~40 ms for a delayed ACK (measured: 22 calls/s, not 1,700);
        // it must be set before the JDK HTTP server classes load, so do not create an HttpServer elsewhere first
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port        0 for any free port
     * @param backlog     connections the kernel queues before they are accepted
     * @param threadNames the prefix of the server's thread names
     */
    static LoopbackHttpServer start(int port, int backlog, String threadNames, HttpHandler handler)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadNames + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new LoopbackHttpServer(server, executor);
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
