package io.github.camelaliyun.vod.aijob.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.github.camelaliyun.vod.aijob.BlackholeProxy;
import io.github.camelaliyun.vod.aijob.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A database that goes silent (a network path cut without a reset) fails the store's operations after the network
 * timeout, instead of holding the consumer's poll or its lease renewal for as long as the cut lasts: the statement's
 * query timeout alone cannot end it, since PostgreSQL's driver sends the cancel over a new connection, which the cut
 * blocks too. After the cut the store works again on the same pool.
 */
class JdbcStoreNetworkCutTest {

    @Test
    void aSilentDatabaseFailsTheOperationInsteadOfBlockingIt() throws Exception {
        try (BlackholeProxy proxy = BlackholeProxy.to(TestPostgres.instance().getPort())) {
            PGSimpleDataSource direct = new PGSimpleDataSource();
            direct.setURL("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?user=postgres");
            // one second of statement timeout: the network timeout is two
            JdbcAiJobStore store = new JdbcAiJobStore(new OneConnectionPool(direct), "network_cut", "cut", true,
                    Duration.ofSeconds(1));
            store.add(List.of("a"), Instant.now());

            proxy.cut();
            // the cut lasts longer than the bound: only the network timeout can end the call in time
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(store::size)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("network_cut"));
            proxy.restore();

            assertThat(store.size()).isEqualTo(1);
        }
    }

    /**
     * A pool of one connection, made before the cut as a pool's idle connections are, and replaced once it broke; the
     * store's close gives it back. (A pool such as HikariCP would also test the connection, and make new ones, under
     * its own timeouts: not what this test is about.)
     */
    private static final class OneConnectionPool extends PGSimpleDataSource {
        private final DataSource target;
        private Connection physical;

        OneConnectionPool(DataSource target) throws SQLException {
            this.target = target;
            this.physical = target.getConnection();
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            if (physical.isClosed()) {
                physical = target.getConnection();
            }
            Connection connection = physical;
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
