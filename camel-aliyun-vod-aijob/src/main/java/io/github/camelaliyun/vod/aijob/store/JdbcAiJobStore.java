package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending jobs of one label in a database table that several Camel contexts (nodes) share; tested on PostgreSQL.
 * <ul>
 * <li>A claim is one short statement: an {@code UPDATE} of the due rows that nobody holds, chosen with
 * {@code FOR UPDATE SKIP LOCKED} so that nodes claiming at the same moment get different rows instead of waiting on
 * each other. The lease lives in the row (owner, token, until), so no transaction stays open across a call to the
 * service or a route.</li>
 * <li>Every time (added, next check, lease) comes from the database's clock ({@code now()}), never from a node's.</li>
 * <li>Rows hold ids, times and counters, never parsed jobs. Several labels share one table (the label column).</li>
 * <li>Connections are borrowed from the application's DataSource for each operation and given back at once; the
 * store closes nothing else, and never the DataSource. A connection that is not in auto-commit mode is committed
 * after each operation.</li>
 * </ul>
 * The {@code jobIds} option is remembered in a second table, {@code <table>_seeded}, so that a delivered job is not
 * added again when a node starts. {@code INSERT ... ON CONFLICT DO NOTHING} and {@code SKIP LOCKED} are the parts of
 * the SQL that not every database has.
 */
public class JdbcAiJobStore implements AiJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAiJobStore.class);
    private static final String MILLIS = "CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'";
    /**
     * The next check time of a job marked due while leased (no real check is due in 1970): its release makes it due
     * at once. A later claim of it (after its lease expired) may then check it once more than needed.
     */
    private static final java.sql.Timestamp DUE_ON_RELEASE = new java.sql.Timestamp(0);

    private final DataSource dataSource;
    private final String table;
    private final String seededTable;
    private final String label;

    private final String insert;
    private final String insertSeeded;
    private final String delete;
    private final String claim;
    private final String claimAhead;
    private final String complete;
    private final String release;
    private final String renew;
    private final String markDue;
    private final String page;
    private final String count;

    /**
     * @param table       the table (letters, digits, underscores, optionally schema.table): checked, since it is
     *                    part of the SQL
     * @param createTable whether to create the tables (and index) when missing
     */
    public JdbcAiJobStore(DataSource dataSource, String table, String label, boolean createTable) {
        if (dataSource == null) {
            throw new IllegalArgumentException("A JdbcAiJobStore needs a DataSource");
        }
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("Invalid jobStoreTable '" + table + "': use letters, digits and"
                                               + " underscores, optionally with a schema (jobs.aivod_aijob_pending)");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.seededTable = table + "_seeded";
        this.label = label;
        insert = "INSERT INTO " + table + " (label, job_id, added_at, next_check_at, deliveries)"
                 + " VALUES (?, ?, now(), now(), 0) ON CONFLICT (label, job_id) DO NOTHING";
        insertSeeded = "INSERT INTO " + seededTable + " (label, job_id) VALUES (?, ?)"
                       + " ON CONFLICT (label, job_id) DO NOTHING";
        delete = "DELETE FROM " + table + " WHERE label = ? AND job_id = ?";
        // a CTE that locks is evaluated once: IN (SELECT ... LIMIT ... SKIP LOCKED) may be run again and exceed the
        // limit. A row never checked nor marked has next_check_at = added_at (both now() of its insert; any release
        // or mark is a later statement): it is due firstCheckAfter after it was added.
        claim = claimSql(table, " AND next_check_at <= now()"
                                + " AND (next_check_at <> added_at OR added_at <= now() - " + MILLIS + ")");
        claimAhead = claimSql(table, "");
        complete = "DELETE FROM " + table + " WHERE label = ? AND job_id = ? AND lease_token = ?";
        release = "UPDATE " + table + " SET lease_owner = NULL, lease_token = NULL, lease_until = NULL,"
                  + " next_check_at = CASE WHEN next_check_at = ? THEN now() ELSE now() + " + MILLIS + " END,"
                  + " deliveries = deliveries + ?"
                  + " WHERE label = ? AND job_id = ? AND lease_token = ?";
        renew = "UPDATE " + table + " SET lease_until = now() + " + MILLIS
                + " WHERE label = ? AND job_id = ? AND lease_token = ?";
        // a row never checked keeps no added_at sentinel once marked: now() is later than its insert's now()
        markDue = "UPDATE " + table + " SET next_check_at = CASE WHEN lease_token IS NOT NULL THEN ?"
                  + " WHEN next_check_at = added_at THEN now() ELSE LEAST(next_check_at, now()) END"
                  + " WHERE label = ? AND job_id = ?";
        page = "SELECT seq, job_id, added_at FROM " + table + " WHERE label = ? AND seq > ? ORDER BY seq LIMIT ?";
        count = "SELECT count(*) FROM " + table + " WHERE label = ?";
        if (createTable) {
            createTables();
        }
    }

    /**
     * Leases the rows not leased that {@code condition} keeps, next check soonest first (a row never checked counts
     * from when it was added). Parameters: label, [condition's], limit, owner, token, lease millis, label.
     */
    private static String claimSql(String table, String condition) {
        return "WITH chosen AS (SELECT job_id FROM " + table
               + " WHERE label = ? AND (lease_until IS NULL OR lease_until <= now())" + condition
               + " ORDER BY next_check_at, seq LIMIT ? FOR UPDATE SKIP LOCKED)"
               + " UPDATE " + table + " AS t SET lease_owner = ?, lease_token = ?, lease_until = now() + " + MILLIS
               + " FROM chosen WHERE t.label = ? AND t.job_id = chosen.job_id"
               + " RETURNING t.job_id, t.added_at, t.deliveries, now() AS claimed_at, t.next_check_at, t.seq";
    }

    /** The DDL of the tables and index this store uses, for a DBA to run when the application may not. */
    public static List<String> ddl(String table) {
        String index = table.substring(table.indexOf('.') + 1) + "_due";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " seq BIGINT GENERATED ALWAYS AS IDENTITY,"
                       + " added_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " next_check_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " deliveries INTEGER NOT NULL DEFAULT 0,"
                       + " lease_owner VARCHAR(255),"
                       + " lease_token VARCHAR(64),"
                       + " lease_until TIMESTAMP WITH TIME ZONE,"
                       + " PRIMARY KEY (label, job_id))",
                "CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (label, next_check_at, seq)",
                "CREATE TABLE IF NOT EXISTS " + table + "_seeded ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " PRIMARY KEY (label, job_id))");
    }

    private void createTables() {
        try {
            run(connection -> {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : ddl(table)) {
                        statement.execute(sql);
                    }
                }
                return null;
            });
        } catch (IllegalStateException e) {
            // several nodes starting at once may race on CREATE ... IF NOT EXISTS: fine if the tables exist now
            try {
                size();
            } catch (IllegalStateException stillMissing) {
                throw e;
            }
            LOG.debug("Another node created the job store table {} meanwhile: {}", table, e.getMessage());
        }
    }

    @Override
    public List<String> add(Collection<String> jobIds, Instant addedAt) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        return run(connection -> insertNew(connection, insert, unique));
    }

    /** Records the ids as seeded (second table) and adds those that were not seeded before, in one transaction. */
    @Override
    public List<String> seed(Collection<String> jobIds, Instant addedAt) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        return inTransaction(connection -> {
            List<String> fresh = insertNew(connection, insertSeeded, unique);
            return fresh.isEmpty() ? fresh : insertNew(connection, insert, fresh);
        });
    }

    private List<String> insertNew(Connection connection, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String id : ids) {
                statement.setString(1, label);
                statement.setString(2, id);
                statement.addBatch();
            }
            return affected(ids, statement.executeBatch());
        }
    }

    @Override
    public List<String> remove(Collection<String> jobIds) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                for (String id : unique) {
                    statement.setString(1, label);
                    statement.setString(2, id);
                    statement.addBatch();
                }
                return affected(unique, statement.executeBatch());
            }
        });
    }

    @Override
    public List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration, Duration firstCheckAfter) {
        return claim(claim, firstCheckAfter, owner, limit, leaseDuration);
    }

    @Override
    public List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        return claim(claimAhead, null, owner, limit, leaseDuration);
    }

    private List<ClaimedJob> claim(String sql, Duration firstCheckAfter, String owner, int limit,
            Duration leaseDuration) {
        String token = UUID.randomUUID().toString();
        return run(connection -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = 0;
                statement.setString(++i, label);
                if (firstCheckAfter != null) {
                    statement.setDouble(++i, firstCheckAfter.toMillis());
                }
                statement.setInt(++i, limit);
                statement.setString(++i, owner.length() > 255 ? owner.substring(0, 255) : owner);
                statement.setString(++i, token);
                statement.setDouble(++i, leaseDuration.toMillis());
                statement.setString(++i, label);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        ClaimedJob job = new ClaimedJob(result.getString(1), result.getTimestamp(2).getTime(),
                                result.getInt(3), token, result.getTimestamp(4).getTime());
                        rows.add(new Object[] { job, result.getTimestamp(5).getTime(), result.getLong(6) });
                    }
                }
            }
            // RETURNING keeps no order: the jobs due longest first, as chosen
            rows.sort((a, b) -> a[1].equals(b[1]) ? Long.compare((Long) a[2], (Long) b[2])
                    : Long.compare((Long) a[1], (Long) b[1]));
            List<ClaimedJob> claimed = new ArrayList<>(rows.size());
            rows.forEach(row -> claimed.add((ClaimedJob) row[0]));
            return claimed;
        });
    }

    @Override
    public boolean complete(ClaimedJob job) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(complete)) {
                statement.setString(1, label);
                statement.setString(2, job.jobId());
                statement.setString(3, job.leaseToken());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(release)) {
                statement.setTimestamp(1, DUE_ON_RELEASE);
                statement.setDouble(2, checkAgainIn.toMillis());
                statement.setInt(3, deliveryFailed ? 1 : 0);
                statement.setString(4, label);
                statement.setString(5, job.jobId());
                statement.setString(6, job.leaseToken());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean markDue(String jobId) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(markDue)) {
                statement.setTimestamp(1, DUE_ON_RELEASE);
                statement.setString(2, label);
                statement.setString(3, jobId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
        List<ClaimedJob> list = new ArrayList<>(jobs);
        if (list.isEmpty()) {
            return List.of();
        }
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(renew)) {
                for (ClaimedJob job : list) {
                    statement.setDouble(1, leaseDuration.toMillis());
                    statement.setString(2, label);
                    statement.setString(3, job.jobId());
                    statement.setString(4, job.leaseToken());
                    statement.addBatch();
                }
                int[] counts = statement.executeBatch();
                List<ClaimedJob> lost = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    if (counts[i] == 0) {
                        lost.add(list.get(i));
                    }
                }
                return lost;
            }
        });
    }

    @Override
    public List<PendingJob> pending(long afterSequence, int limit) {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(page)) {
                statement.setString(1, label);
                statement.setLong(2, afterSequence);
                statement.setInt(3, limit);
                List<PendingJob> jobs = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        jobs.add(new PendingJob(result.getLong(1), result.getString(2),
                                result.getTimestamp(3).getTime()));
                    }
                }
                return jobs;
            }
        });
    }

    @Override
    public int size() {
        return run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(count)) {
                statement.setString(1, label);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getInt(1);
                }
            }
        });
    }

    /** Nothing to close: the connections were given back after each operation, the DataSource is the application's. */
    @Override
    public void close() {
        // nothing
    }

    @Override
    public String toString() {
        return "JdbcAiJobStore[" + table + ", label=" + label + "]";
    }

    private static List<String> affected(List<String> ids, int[] counts) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            // SUCCESS_NO_INFO (-2): the driver did not count; PostgreSQL's does
            if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
                result.add(ids.get(i));
            }
        }
        return result;
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** One operation on a borrowed connection, committed when the connection does not commit by itself. */
    private <T> T run(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                T result = work.apply(connection);
                if (!autoCommit) {
                    connection.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    connection.rollback();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Several statements that stand or fall together. */
    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException("The job store table " + table + " (label '" + label + "') failed: "
                                         + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }
}
