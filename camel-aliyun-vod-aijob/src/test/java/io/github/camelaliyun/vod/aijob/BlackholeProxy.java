package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback between a client and a server (a node and its database) that can cut the client off as a
 * network partition does: it stops forwarding without closing anything, so both ends see a silent peer (no reset, no
 * FIN), and new connections are accepted but get no answer. Bytes read meanwhile are held and forwarded when the cut ends, as TCP would
 * retransmit them: a statement sent during the cut reaches the server afterwards, and its reply the client.
 */
public final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean cut;
    private volatile boolean closed;

    private BlackholeProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "blackhole-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static BlackholeProxy to(int targetPort) throws IOException {
        return new BlackholeProxy(targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding, in both directions, on every connection, until {@link #restore()}. */
    public void cut() {
        synchronized (gate) {
            cut = true;
        }
    }

    public void restore() {
        synchronized (gate) {
            cut = false;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        restore();
        closeQuietly(server);
        sockets.forEach(BlackholeProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed: the loop ends
            }
            try {
                // the upstream connection is made at once, even during a cut: the client's bytes are what is held
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                // PostgreSQL is down: the client sees its connection closed, as when it connects directly
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitForwarding();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one end closed: close the other, as a plain connection would end
            } finally {
                awaitForwardingQuietly();
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "blackhole-proxy-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitForwarding() throws InterruptedException {
        synchronized (gate) {
            while (cut && !closed) {
                gate.wait();
            }
        }
    }

    /** A connection closed during a cut is not seen closed by the other end before the cut ends either. */
    private void awaitForwardingQuietly() {
        try {
            awaitForwarding();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
