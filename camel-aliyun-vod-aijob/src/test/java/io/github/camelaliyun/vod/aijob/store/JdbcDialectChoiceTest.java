package io.github.camelaliyun.vod.aijob.store;

import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dialect comes from the database's product name and version as drivers report them; a database or version the
 * store does not support is refused naming what was found and what is supported. (The supported ones are also chosen
 * from real servers by the contract tests.)
 */
class JdbcDialectChoiceTest {

    private static JdbcDialect of(String product, String version) throws SQLException {
        // the two answers a driver gives; the store asks nothing else
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(JdbcDialectChoiceTest.class.getClassLoader(),
                new Class<?>[] { DatabaseMetaData.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> product;
                    case "getDatabaseProductVersion" -> version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return JdbcDialect.of(metaData, "jobs");
    }

    @Test
    void supportedDatabasesGetTheirDialect() throws SQLException {
        assertThat(of("PostgreSQL", "16.4")).isInstanceOf(PostgresDialect.class);
        assertThat(of("PostgreSQL", "10.0")).isInstanceOf(PostgresDialect.class);
        assertThat(of("MariaDB", "10.11.5-MariaDB-log")).isInstanceOf(MariaDbDialect.class);
        assertThat(of("MariaDB", "10.6.0-MariaDB")).isInstanceOf(MariaDbDialect.class);
        assertThat(of("MariaDB", "11.4.2-MariaDB")).isInstanceOf(MariaDbDialect.class);
        // MySQL's driver on a MariaDB server
        assertThat(of("MySQL", "5.5.5-10.11.5-MariaDB").database()).startsWith("MariaDB");
        assertThat(of("MySQL", "8.0.1").database()).isEqualTo("MySQL 8.0.1");
        assertThat(of("MySQL", "8.4.2").database()).startsWith("MySQL");
    }

    @Test
    void olderVersionsAndOtherDatabasesAreRefusedNamingWhatWasFoundAndWhatIsSupported() {
        for (String[] found : new String[][] { { "MySQL", "8.0.0" }, { "MySQL", "5.7.44" },
                { "MariaDB", "10.5.25-MariaDB" }, { "MySQL", "5.5.5-10.4.34-MariaDB" }, { "PostgreSQL", "9.6.24" },
                { "H2", "2.2.224" }, { "Microsoft SQL Server", "16.00.1000" } }) {
            assertThatThrownBy(() -> of(found[0], found[1])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("jobs")
                    .hasMessageContaining(found[0] + " " + found[1])
                    .hasMessageContaining("PostgreSQL 10 or later, MariaDB 10.6 or later, MySQL 8.0.1 or later");
        }
    }
}
