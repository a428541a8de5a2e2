package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

/**
 * A connection of the application's pool whose reads from the server end after a network timeout while the job store
 * uses it, and get the pool's own setting back when it is returned. A statement's query timeout alone does not bound
 * a wait on a silent network path: PostgreSQL's driver cancels a statement over a new connection, which the same cut
 * blocks, so without this a poll or a lease renewal could wait for as long as the cut lasts. A driver that cannot set
 * it is used as it is.
 */
final class BoundedConnection implements AutoCloseable {

    /** The drivers run the abort of a timed-out connection on it; it needs no threads of its own. */
    private static final Executor DIRECT = Runnable::run;

    private final Connection connection;
    /** The connection's timeout before this store set its own, or -1 when left alone. */
    private final int previousMillis;

    private BoundedConnection(Connection connection, int previousMillis) {
        this.connection = connection;
        this.previousMillis = previousMillis;
    }

    static BoundedConnection open(DataSource dataSource, int timeoutMillis) throws SQLException {
        Connection connection = dataSource.getConnection();
        int previous = -1;
        try {
            int current = connection.getNetworkTimeout();
            // a pool or URL setting that is already tighter is kept
            if (current == 0 || current > timeoutMillis) {
                connection.setNetworkTimeout(DIRECT, timeoutMillis);
                previous = current;
            }
        } catch (SQLFeatureNotSupportedException | AbstractMethodError unsupported) {
            // a driver without network timeouts: the statement timeouts are all there is
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new BoundedConnection(connection, previous);
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (previousMillis >= 0 && !connection.isClosed()) {
                connection.setNetworkTimeout(DIRECT, previousMillis);
            }
        } finally {
            connection.close();
        }
    }
}
