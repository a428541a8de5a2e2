package io.github.camelaliyun.vod.aijob.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's statements of {@link JdbcAiJobStore} (version 10 or later). Its own: {@code FOR UPDATE SKIP LOCKED} in a
 * CTE that an {@code UPDATE} joins, {@code INSERT ... ON CONFLICT}, {@code UPDATE ... FROM} and
 * {@code DELETE ... USING} with {@code RETURNING}, {@code unnest} of array parameters (a page's rows as one parameter
 * per column, so that a page is one statement), {@code now()} and interval arithmetic, the storage parameters of the
 * pending table.
 * <p>
 * The pending table's {@code due_at} is the next check time of a free job and the lease end of a leased one, so that
 * one range of the index {@code (label, due_at, seq)} holds every job a claim may take, whatever number of jobs other
 * nodes hold: a claim reads the due range from its oldest end and stops at its limit.
 */
final class PostgresDialect extends JdbcDialect {

    /** A parameter of milliseconds as an interval (a double, so that any Duration fits). */
    static final String MILLIS = "CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'";

    private final String version;
    private final String table;
    /** Parameters: label, ids[]. Returns the ids inserted. */
    private final String insert;
    /** Parameters: label, ids[]. Returns the ids not seeded before. */
    private final String insertSeeded;
    /** Parameters: label, ids[], expiry millis. Returns each early event of the ids, and whether it is still fresh. */
    private final String consumeEarly;
    /** Parameters: label, ids[]. */
    private final String markChecked;
    /** Parameters: label, ids[]. Returns the ids removed. */
    private final String delete;
    /** Parameters: label, first check millis, limit, owner, token, lease millis, label. */
    final String claim;
    /** Parameters: label, limit, owner, token, lease millis, label. */
    private final String claimAhead;
    /** Parameters: ids[], tokens[], label. Returns id and token of each row deleted. */
    private final String complete;
    /** Parameters: label, ids[]. */
    private final String recordDelivered;
    /** Parameters: ids[], tokens[], check-again millis[], failed (0 or 1)[], label. Returns id and token. */
    private final String release;
    /** Parameters: lease millis, ids[], tokens[], label. Returns id and token. */
    private final String renew;
    /** Parameters: label, id. */
    private final String insertEarly;

    PostgresDialect(String table, String version) {
        super(table);
        this.table = table;
        this.version = version;
        insert = "INSERT INTO " + pending + " (label, job_id, added_at, due_at)"
                 + " SELECT ?, v.id, now(), now() FROM unnest(CAST(? AS VARCHAR[])) WITH ORDINALITY AS v(id, n)"
                 + " ORDER BY v.n ON CONFLICT (label, job_id) DO NOTHING RETURNING job_id";
        insertSeeded = "INSERT INTO " + seeded + " (label, job_id) SELECT ?, v.id FROM unnest(CAST(? AS VARCHAR[]))"
                       + " AS v(id) ON CONFLICT (label, job_id) DO NOTHING RETURNING job_id";
        consumeEarly = "DELETE FROM " + early + " WHERE label = ? AND job_id = ANY(CAST(? AS VARCHAR[]))"
                       + " RETURNING job_id, remembered_at > now() - " + MILLIS;
        markChecked = "UPDATE " + pending + " SET checked = TRUE WHERE label = ? AND job_id = ANY(CAST(? AS VARCHAR[]))";
        delete = "DELETE FROM " + pending + " WHERE label = ? AND job_id = ANY(CAST(? AS VARCHAR[])) RETURNING job_id";
        // a row never checked nor marked is due firstCheckAfter after it was added; the index orders it by added_at
        claim = claimSql(" AND due_at <= now() AND (checked OR added_at <= now() - " + MILLIS + ")");
        claimAhead = claimSql(" AND (lease_token IS NULL OR due_at <= now())");
        String page = " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS v(job_id, token)";
        String held = " t.label = ? AND t.job_id = v.job_id AND t.lease_token = v.token RETURNING v.job_id, v.token";
        complete = "DELETE FROM " + pending + " AS t USING" + page.substring(" FROM".length()) + " WHERE" + held;
        recordDelivered = "INSERT INTO " + delivered + " (label, job_id, delivered_at)"
                          + " SELECT ?, v.id, now() FROM unnest(CAST(? AS VARCHAR[])) AS v(id)"
                          + " ON CONFLICT (label, job_id) DO UPDATE SET delivered_at = EXCLUDED.delivered_at";
        // SET reads the row as it was: a mark while leased (due_on_release) makes the release due now
        release = "UPDATE " + pending + " AS t SET lease_owner = NULL, lease_token = NULL, checked = TRUE,"
                  + " due_on_release = FALSE, deliveries = t.deliveries + v.failed,"
                  + " due_at = CASE WHEN t.due_on_release THEN now()"
                  + " ELSE now() + v.millis * INTERVAL '1 millisecond' END"
                  + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS DOUBLE PRECISION[]),"
                  + " CAST(? AS INTEGER[])) AS v(job_id, token, millis, failed) WHERE" + held;
        renew = "UPDATE " + pending + " AS t SET due_at = now() + " + MILLIS + page + " WHERE" + held;
        insertEarly = "INSERT INTO " + early + " (label, job_id, remembered_at) VALUES (?, ?, now())"
                      + " ON CONFLICT (label, job_id) DO UPDATE SET remembered_at = EXCLUDED.remembered_at";
    }

    /**
     * Leases the rows that {@code condition} keeps, due longest first, and returns them with where they were in that
     * order. A CTE that locks is evaluated once: {@code IN (SELECT ... LIMIT ... SKIP LOCKED)} may be run again and
     * exceed the limit.
     */
    private String claimSql(String condition) {
        return "WITH chosen AS (SELECT job_id, due_at, seq FROM " + pending + " WHERE label = ?" + condition
               + " ORDER BY due_at, seq LIMIT ? FOR UPDATE SKIP LOCKED)"
               + " UPDATE " + pending + " AS t SET lease_owner = ?, lease_token = ?, due_at = now() + " + MILLIS + ","
               + " due_on_release = FALSE FROM chosen WHERE t.label = ? AND t.job_id = chosen.job_id"
               + " RETURNING t.job_id, t.added_at, t.deliveries, now(), chosen.due_at, chosen.seq";
    }

    @Override
    String database() {
        return "PostgreSQL " + version;
    }

    @Override
    String now() {
        return "now()";
    }

    @Override
    String ago() {
        return "now() - " + MILLIS;
    }

    @Override
    void bindMillis(PreparedStatement statement, int index, Duration duration) throws SQLException {
        statement.setDouble(index, duration.toMillis());
    }

    @Override
    long millis(ResultSet result, int column) throws SQLException {
        return result.getTimestamp(column).getTime();
    }

    @Override
    List<String> ddl() {
        return ddl(table);
    }

    @Override
    boolean pagesInOneStatement() {
        return true;
    }

    @Override
    Set<String> insertPending(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        return idsOf(connection, statements, insert, label, ids);
    }

    @Override
    Set<String> insertSeeded(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        return idsOf(connection, statements, insertSeeded, label, ids);
    }

    @Override
    Map<String, Boolean> consumeEarly(Connection connection, Statements statements, String label, List<String> ids,
            Duration expiry) throws SQLException {
        Map<String, Boolean> found = new HashMap<>();
        try (PreparedStatement statement = statements.prepare(connection, consumeEarly)) {
            statement.setString(1, label);
            statement.setArray(2, varchars(connection, ids));
            bindMillis(statement, 3, expiry);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.put(result.getString(1), result.getBoolean(2));
                }
            }
        }
        return found;
    }

    @Override
    void markChecked(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, markChecked)) {
            statement.setString(1, label);
            statement.setArray(2, varchars(connection, ids));
            statement.executeUpdate();
        }
    }

    @Override
    Set<String> delete(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        return idsOf(connection, statements, delete, label, ids);
    }

    @Override
    List<ClaimedJob> claim(Connection connection, Statements statements, String label, Duration firstCheckAfter,
            String owner, String token, int limit, Duration lease) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement statement = statements.prepare(connection,
                firstCheckAfter == null ? claimAhead : claim)) {
            int i = 0;
            statement.setString(++i, label);
            if (firstCheckAfter != null) {
                bindMillis(statement, ++i, firstCheckAfter);
            }
            statement.setInt(++i, limit);
            statement.setString(++i, owner);
            statement.setString(++i, token);
            bindMillis(statement, ++i, lease);
            statement.setString(++i, label);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ClaimedJob job = new ClaimedJob(result.getString(1), millis(result, 2), result.getInt(3), token,
                            millis(result, 4));
                    rows.add(new Object[] { job, millis(result, 5), result.getLong(6) });
                }
            }
        }
        // RETURNING keeps no order: the jobs due longest first, as chosen
        rows.sort((a, b) -> a[1].equals(b[1]) ? Long.compare((Long) a[2], (Long) b[2])
                : Long.compare((Long) a[1], (Long) b[1]));
        List<ClaimedJob> claimed = new ArrayList<>(rows.size());
        rows.forEach(row -> claimed.add((ClaimedJob) row[0]));
        return claimed;
    }

    @Override
    Set<String> complete(Connection connection, Statements statements, String label, List<ClaimedJob> jobs)
            throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, complete)) {
            statement.setArray(1, varchars(connection, ids(jobs)));
            statement.setArray(2, varchars(connection, jobs.stream().map(ClaimedJob::leaseToken).toList()));
            statement.setString(3, label);
            return heldKeys(statement);
        }
    }

    @Override
    void recordDelivered(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, recordDelivered)) {
            statement.setString(1, label);
            statement.setArray(2, varchars(connection, ids));
            statement.executeUpdate();
        }
    }

    @Override
    Set<String> release(Connection connection, Statements statements, String label,
            List<AiJobStore.Release> releases) throws SQLException {
        List<ClaimedJob> jobs = releases.stream().map(AiJobStore.Release::job).toList();
        try (PreparedStatement statement = statements.prepare(connection, release)) {
            statement.setArray(1, varchars(connection, ids(jobs)));
            statement.setArray(2, varchars(connection, jobs.stream().map(ClaimedJob::leaseToken).toList()));
            statement.setArray(3, connection.createArrayOf("float8",
                    releases.stream().map(release -> (double) release.checkAgainIn().toMillis()).toArray()));
            statement.setArray(4, connection.createArrayOf("int4",
                    releases.stream().map(release -> release.deliveryFailed() ? 1 : 0).toArray()));
            statement.setString(5, label);
            return heldKeys(statement);
        }
    }

    @Override
    Set<String> renew(Connection connection, Statements statements, String label, List<ClaimedJob> jobs,
            Duration lease) throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, renew)) {
            bindMillis(statement, 1, lease);
            statement.setArray(2, varchars(connection, ids(jobs)));
            statement.setArray(3, varchars(connection, jobs.stream().map(ClaimedJob::leaseToken).toList()));
            statement.setString(4, label);
            return heldKeys(statement);
        }
    }

    @Override
    String insertEarly() {
        return insertEarly;
    }

    @Override
    Problem problem(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "42P01", "3F000" -> Problem.MISSING_TABLE;
            case "42703" -> Problem.MISSING_COLUMN;
            case "42501" -> Problem.NOT_GRANTED;
            case "25006" -> Problem.READ_ONLY;
            case "57014" -> Problem.TIMED_OUT;
            case "40P01" -> Problem.DEADLOCK;
            default -> Problem.OTHER;
        };
    }

    @Override
    String ddlCall(String table) {
        return "JdbcAiJobStore.ddl(\"" + table + "\")";
    }

    /** Runs a statement with parameters label and ids[] and returns the ids of its rows. */
    private static Set<String> idsOf(Connection connection, Statements statements, String sql, String label,
            List<String> ids) throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, sql)) {
            statement.setString(1, label);
            statement.setArray(2, varchars(connection, ids));
            Set<String> result = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
            return result;
        }
    }

    /** The id and token of each row a statement returned (the leases it found held). */
    private static Set<String> heldKeys(PreparedStatement statement) throws SQLException {
        Set<String> held = new HashSet<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                held.add(key(result.getString(1), result.getString(2)));
            }
        }
        return held;
    }

    private static Array varchars(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }

    /**
     * The tables and indexes. The pending table sees an update or a delete of each row per claim, release and
     * completion, so its autovacuum starts after 1% of it is dead rows (plus 1,000) instead of PostgreSQL's 20%.
     */
    static List<String> ddl(String table) {
        String bare = table.substring(table.indexOf('.') + 1);
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " seq BIGINT GENERATED ALWAYS AS IDENTITY,"
                       + " added_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " due_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " checked BOOLEAN NOT NULL DEFAULT FALSE,"
                       + " due_on_release BOOLEAN NOT NULL DEFAULT FALSE,"
                       + " deliveries INTEGER NOT NULL DEFAULT 0,"
                       + " lease_owner VARCHAR(255),"
                       + " lease_token VARCHAR(64),"
                       + " submit_ledger TEXT,"
                       + " PRIMARY KEY (label, job_id))"
                       + " WITH (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,"
                       + " autovacuum_analyze_scale_factor = 0.02)",
                "CREATE INDEX IF NOT EXISTS " + bare + "_due ON " + table + " (label, due_at, seq)",
                "CREATE TABLE IF NOT EXISTS " + table + "_seeded ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " PRIMARY KEY (label, job_id))",
                "CREATE TABLE IF NOT EXISTS " + table + "_delivered ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " delivered_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " PRIMARY KEY (label, job_id))",
                "CREATE INDEX IF NOT EXISTS " + bare + "_delivered_at ON " + table + "_delivered (label, delivered_at)",
                "CREATE TABLE IF NOT EXISTS " + table + "_early ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " remembered_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                       + " PRIMARY KEY (label, job_id))",
                "CREATE INDEX IF NOT EXISTS " + bare + "_early_at ON " + table + "_early (label, remembered_at)");
    }
}
