package io.github.camelaliyun.vod.aijob;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * A real database that the tests of the dataSource job store run on: {@link TestPostgres} or {@link TestMariaDb}.
 * A test written against this runs on each, its subclass for MariaDB naming {@link TestMariaDb#instance()}.
 */
public interface TestDatabase {

    /** For messages and names. */
    String name();

    /** A pool of connections as the administrator, as an application has. */
    DataSource dataSource();

    /** The JDBC URL as the administrator, for a child JVM. */
    String jdbcUrl();

    /** Connections as another user. */
    DataSource as(String user, String password);

    /** Creates a user who may log in, and nothing else yet. */
    void createUser(Statement statement, String user, String password) throws SQLException;

    void dropUser(Statement statement, String user) throws SQLException;

    /** The user as a GRANT names it. */
    default String userName(String user) {
        return user;
    }

    /** A query of the names of the tables whose name starts with the prefix. */
    String tablesLike(String prefix);
}
