package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of {@link JdbcAiJobStore} for MariaDB 10.6 or later and MySQL 8.0.1 or later (InnoDB): the same
 * statements for both, tested on MariaDB. What they do differently from PostgreSQL's, and why:
 * <ul>
 * <li>No array parameters and no {@code UPDATE ... RETURNING}: a page's completion, release, renewal or removal is
 * one statement per row, by primary key and lease token, sent as one batch in one transaction
 * ({@link #pagesInOneStatement()}), each one's count saying whether the lease was still held. Not one statement with
 * {@code IN (...)}: when a page is most of a label's rows the optimizer reads the whole label, and InnoDB would lock,
 * and wait on, every row of it; the claim's {@code UPDATE ... IN (...)} has an index hint for the same reason.</li>
 * <li>A claim cannot be one {@code UPDATE} that reads its own table in a subquery (MySQL and MariaDB refuse it): it
 * is {@code SELECT ... ORDER BY due_at, seq LIMIT ? FOR UPDATE SKIP LOCKED} (the limit before the locking clause),
 * then {@code UPDATE ... WHERE job_id IN (...)} of the rows locked. The {@code SELECT} is read through the index
 * {@code (label, due_at, seq)} in its order: InnoDB locks every row it reads, so an order that an index does not serve
 * would lock the label's whole due range. No statement that writes says {@code SKIP LOCKED} or {@code LIMIT}, so
 * statement-based binary logging takes them as they are.</li>
 * <li>Times are {@code DATETIME(3)} in UTC from the database's clock, {@code UTC_TIMESTAMP(3)}, with
 * {@code TIMESTAMPADD}: neither the session's time zone nor a node's clock is involved, and no {@code TIMESTAMP}
 * column gets the implicit {@code ON UPDATE CURRENT_TIMESTAMP} of older servers.</li>
 * <li>{@code INSERT IGNORE} to add (its count says whether a row was inserted, whatever the driver's found-rows
 * setting), {@code ON DUPLICATE KEY UPDATE} to record deliveries and early events.</li>
 * <li>The tables are InnoDB, {@code utf8mb4} with the binary collation: job ids and labels compare as PostgreSQL's do,
 * case and accents included. The indexes are declared in {@code CREATE TABLE} (MySQL has no
 * {@code CREATE INDEX IF NOT EXISTS}); the auto-increment {@code seq} has a key of its own, as InnoDB wants.</li>
 * </ul>
 * MySQL and MariaDB differ here only in their error codes for a statement that timed out, both of which are known.
 */
final class MariaDbDialect extends JdbcDialect {

    private static final String NOW = "UTC_TIMESTAMP(3)";
    /**
     * An index hint for an {@code UPDATE} of a page's rows by {@code job_id IN (...)}: read by the primary key's
     * ranges, not the whole label, which the optimizer prefers when the page is most of the label's rows and which
     * would lock (and wait on) every row of the label.
     */
    private static final String BY_KEY = " FORCE INDEX (PRIMARY)";
    private static final String AHEAD = "TIMESTAMPADD(MICROSECOND, ? * 1000, " + NOW + ")";
    /** An id or label longer than the columns is refused: INSERT IGNORE would cut it short with a warning. */
    private static final int MAX_LENGTH = 255;

    private final String database;
    private final String table;

    MariaDbDialect(String table, String database) {
        super(table);
        this.table = table;
        this.database = database;
    }

    @Override
    String database() {
        return database;
    }

    @Override
    String now() {
        return NOW;
    }

    @Override
    String ago() {
        return "TIMESTAMPADD(MICROSECOND, ? * -1000, " + NOW + ")";
    }

    @Override
    void bindMillis(PreparedStatement statement, int index, Duration duration) throws SQLException {
        statement.setLong(index, duration.toMillis());
    }

    /** The columns hold UTC. */
    @Override
    long millis(ResultSet result, int column) throws SQLException {
        return result.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Override
    List<String> ddl() {
        return ddl(table);
    }

    @Override
    boolean pagesInOneStatement() {
        return false;
    }

    @Override
    Set<String> insertPending(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        return insertIgnore(connection, statements, "INSERT IGNORE INTO " + pending
                + " (label, job_id, added_at, due_at) VALUES ", "(?, ?, " + NOW + ", " + NOW + ")", label, ids);
    }

    @Override
    Set<String> insertSeeded(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        return insertIgnore(connection, statements, "INSERT IGNORE INTO " + seeded + " (label, job_id) VALUES ",
                "(?, ?)", label, ids);
    }

    /**
     * All the ids in one statement, whose count says how many were new. Mostly all or none are; else the statement
     * is undone (a savepoint) and the ids are inserted one by one, each one's count saying whether it was new.
     */
    private static Set<String> insertIgnore(Connection connection, Statements statements, String insert, String row,
            String label, List<String> ids) throws SQLException {
        checkLength(label);
        ids.forEach(MariaDbDialect::checkLength);
        Savepoint before = connection.setSavepoint();
        int inserted;
        try (PreparedStatement statement = statements.prepare(connection,
                insert + String.join(", ", Collections.nCopies(ids.size(), row)))) {
            int i = 0;
            for (String id : ids) {
                statement.setString(++i, label);
                statement.setString(++i, id);
            }
            inserted = statement.executeUpdate();
        }
        if (inserted == ids.size()) {
            return new HashSet<>(ids);
        }
        if (inserted == 0) {
            return Set.of();
        }
        connection.rollback(before);
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement statement = statements.prepare(connection, insert + row)) {
            for (String id : ids) {
                statement.setString(1, label);
                statement.setString(2, id);
                if (statement.executeUpdate() == 1) {
                    fresh.add(id);
                }
            }
        }
        return fresh;
    }

    private static void checkLength(String value) {
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A job id or label longer than " + MAX_LENGTH + " characters: "
                                               + value.substring(0, 40) + "...");
        }
    }

    @Override
    Map<String, Boolean> consumeEarly(Connection connection, Statements statements, String label, List<String> ids,
            Duration expiry) throws SQLException {
        Map<String, Boolean> found = new HashMap<>();
        try (PreparedStatement statement = statements.prepare(connection, "SELECT job_id, remembered_at > " + ago()
                + " FROM " + early + " WHERE label = ? AND job_id IN " + list(ids.size()) + " FOR UPDATE")) {
            bindMillis(statement, 1, expiry);
            bindLabelAndIds(statement, 2, label, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.put(result.getString(1), result.getBoolean(2));
                }
            }
        }
        if (!found.isEmpty()) {
            deleteIds(connection, statements, early, label, new ArrayList<>(found.keySet()));
        }
        return found;
    }

    @Override
    void markChecked(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, "UPDATE " + pending + BY_KEY
                + " SET checked = TRUE WHERE label = ? AND job_id IN " + list(ids.size()))) {
            bindLabelAndIds(statement, 1, label, ids);
            statement.executeUpdate();
        }
    }

    @Override
    Set<String> delete(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        boolean[] deleted = perRow(connection, statements, "DELETE FROM " + pending
                + " WHERE label = ? AND job_id = ?", ids.size(), (statement, i) -> {
                    statement.setString(1, label);
                    statement.setString(2, ids.get(i));
                });
        Set<String> found = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (deleted[i]) {
                found.add(ids.get(i));
            }
        }
        return found;
    }

    /**
     * Locks the due rows it takes, read in the order of the index {@code (label, due_at, seq)}, then leases them. A
     * never checked row is due {@code firstCheckAfter} after it was added.
     */
    @Override
    List<ClaimedJob> claim(Connection connection, Statements statements, String label, Duration firstCheckAfter,
            String owner, String token, int limit, Duration lease) throws SQLException {
        String condition = firstCheckAfter == null ? " AND (lease_token IS NULL OR due_at <= " + NOW + ")"
                : " AND due_at <= " + NOW + " AND (checked OR added_at <= " + ago() + ")";
        List<String> ids = new ArrayList<>();
        List<long[]> times = new ArrayList<>();
        List<Integer> deliveries = new ArrayList<>();
        try (PreparedStatement statement = statements.prepare(connection, claimSelect(condition))) {
            int i = 0;
            statement.setString(++i, label);
            if (firstCheckAfter != null) {
                bindMillis(statement, ++i, firstCheckAfter);
            }
            statement.setInt(++i, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                    times.add(new long[] { millis(result, 2), millis(result, 4) });
                    deliveries.add(result.getInt(3));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement statement = statements.prepare(connection, "UPDATE " + pending + BY_KEY
                + " SET lease_owner = ?, lease_token = ?, due_at = " + AHEAD + ", due_on_release = FALSE"
                + " WHERE label = ? AND job_id IN " + list(ids.size()))) {
            statement.setString(1, owner);
            statement.setString(2, token);
            bindMillis(statement, 3, lease);
            bindLabelAndIds(statement, 4, label, ids);
            statement.executeUpdate();
        }
        List<ClaimedJob> claimed = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            claimed.add(new ClaimedJob(ids.get(i), times.get(i)[0], deliveries.get(i), token, times.get(i)[1]));
        }
        return claimed;
    }

    /** Parameters: label, (first check millis,) limit. The rows in the order they are due, locked. */
    String claimSelect(String condition) {
        return "SELECT job_id, added_at, deliveries, " + NOW + " FROM " + pending + " WHERE label = ?" + condition
               + " ORDER BY due_at, seq LIMIT ? FOR UPDATE SKIP LOCKED";
    }

    @Override
    Set<String> complete(Connection connection, Statements statements, String label, List<ClaimedJob> jobs)
            throws SQLException {
        return held(jobs, perRow(connection, statements, "DELETE FROM " + pending
                + " WHERE label = ? AND job_id = ? AND lease_token = ?", jobs.size(), (statement, i) -> {
                    statement.setString(1, label);
                    statement.setString(2, jobs.get(i).jobId());
                    statement.setString(3, jobs.get(i).leaseToken());
                }));
    }

    @Override
    void recordDelivered(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, "INSERT INTO " + delivered
                + " (label, job_id, delivered_at) VALUES "
                + String.join(", ", Collections.nCopies(ids.size(), "(?, ?, " + NOW + ")"))
                + " ON DUPLICATE KEY UPDATE delivered_at = " + NOW)) {
            int i = 0;
            for (String id : ids) {
                statement.setString(++i, label);
                statement.setString(++i, id);
            }
            statement.executeUpdate();
        }
    }

    /**
     * Each row its own {@code UPDATE} (each has its own next check time). {@code due_at} is assigned first: it reads
     * {@code due_on_release} before that is cleared (a mark while leased makes the release due now).
     */
    @Override
    Set<String> release(Connection connection, Statements statements, String label,
            List<AiJobStore.Release> releases) throws SQLException {
        return held(releases.stream().map(AiJobStore.Release::job).toList(), perRow(connection, statements,
                "UPDATE " + pending + " SET due_at = CASE WHEN due_on_release THEN " + NOW + " ELSE " + AHEAD + " END,"
                + " lease_owner = NULL, lease_token = NULL, checked = TRUE, due_on_release = FALSE,"
                + " deliveries = deliveries + ? WHERE label = ? AND job_id = ? AND lease_token = ?", releases.size(),
                (statement, i) -> {
                    AiJobStore.Release release = releases.get(i);
                    bindMillis(statement, 1, release.checkAgainIn());
                    statement.setInt(2, release.deliveryFailed() ? 1 : 0);
                    statement.setString(3, label);
                    statement.setString(4, release.job().jobId());
                    statement.setString(5, release.job().leaseToken());
                }));
    }

    /**
     * Each row its own {@code UPDATE}. A renewal in the millisecond of the claim or the last renewal changes nothing,
     * which a driver told to count changed rows ({@code useAffectedRows}) counts as 0: the lease is then reported
     * lost, and the job is not started, never started twice.
     */
    @Override
    Set<String> renew(Connection connection, Statements statements, String label, List<ClaimedJob> jobs,
            Duration lease) throws SQLException {
        return held(jobs, perRow(connection, statements, "UPDATE " + pending + " SET due_at = " + AHEAD
                + " WHERE label = ? AND job_id = ? AND lease_token = ?", jobs.size(), (statement, i) -> {
                    bindMillis(statement, 1, lease);
                    statement.setString(2, label);
                    statement.setString(3, jobs.get(i).jobId());
                    statement.setString(4, jobs.get(i).leaseToken());
                }));
    }

    @Override
    String insertEarly() {
        return "INSERT INTO " + early + " (label, job_id, remembered_at) VALUES (?, ?, " + NOW + ")"
               + " ON DUPLICATE KEY UPDATE remembered_at = " + NOW;
    }

    /** The MySQL error numbers, which MariaDB shares, and the SQLStates of the drivers. */
    @Override
    Problem problem(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1146, 1049 -> Problem.MISSING_TABLE; // no such table, no such database
            case 1054 -> Problem.MISSING_COLUMN;
            case 1142, 1143, 1044 -> Problem.NOT_GRANTED; // table, column, database
            case 1290, 1792 -> Problem.READ_ONLY; // --read-only, a read-only transaction
            // MariaDB's max_statement_time, MySQL's max_execution_time, a query killed by the driver's timer
            case 1969, 3024, 1317 -> Problem.TIMED_OUT;
            case 1213 -> Problem.DEADLOCK;
            default -> "70100".equals(e.getSQLState()) ? Problem.TIMED_OUT : Problem.OTHER;
        };
    }

    /**
     * Tables of another engine than InnoDB (MyISAM, Aria, MEMORY, made by hand or by a server whose default engine is
     * another): they lock whole tables or not at all, ignore {@code SKIP LOCKED} and transactions, and several nodes
     * would claim the same jobs.
     */
    @Override
    String unfitTables(Connection connection, Statements statements, List<String> tables) throws SQLException {
        List<String> unfit = new ArrayList<>();
        for (String name : tables) {
            int dot = name.indexOf('.');
            try (PreparedStatement statement = statements.prepare(connection, "SELECT engine FROM"
                    + " information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?")) {
                statement.setString(1, dot < 0 ? null : name.substring(0, dot));
                statement.setString(2, name.substring(dot + 1));
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && !"InnoDB".equalsIgnoreCase(result.getString(1))) {
                        unfit.add(name + " (" + result.getString(1) + ")");
                    }
                }
            }
        }
        return unfit.isEmpty() ? null
                : "the job store tables must be InnoDB, for row locks and transactions, and " + String.join(", ", unfit)
                  + " are not: ALTER TABLE <table> ENGINE=InnoDB for each";
    }

    /** A server that refuses SKIP LOCKED, or another statement, under statement-based binary logging. */
    @Override
    String hint(SQLException e) {
        String message = String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT);
        return message.contains("BINLOG") || message.contains("BINARY LOG")
                ? "; the server logs statements (binlog_format=STATEMENT): the job store needs binlog_format=ROW"
                  + " (or MIXED)"
                : "";
    }

    @Override
    String ddlCall(String table) {
        return "JdbcAiJobStore.mariaDbDdl(\"" + table + "\")";
    }

    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement statement, int row) throws SQLException;
    }

    /**
     * One statement per row, each finding its row by the primary key (so that InnoDB locks that row only: an
     * {@code IN} list that covers most of a label's rows is read as the whole label, and would wait on every row
     * another transaction holds), sent as one batch. Returns whether each found its row. A driver that does not count
     * each statement of a batch ({@code SUCCESS_NO_INFO}) has them run again one by one, the batch rolled back: this
     * is the first statement of its transaction.
     */
    private static boolean[] perRow(Connection connection, Statements statements, String sql, int rows,
            RowBinder binder) throws SQLException {
        boolean[] found = new boolean[rows];
        try (PreparedStatement statement = statements.prepare(connection, sql)) {
            for (int i = 0; i < rows; i++) {
                binder.bind(statement, i);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            boolean counted = counts.length == rows;
            for (int i = 0; counted && i < rows; i++) {
                counted = counts[i] >= 0;
                found[i] = counts[i] > 0;
            }
            if (counted) {
                return found;
            }
        }
        connection.rollback();
        try (PreparedStatement statement = statements.prepare(connection, sql)) {
            for (int i = 0; i < rows; i++) {
                binder.bind(statement, i);
                found[i] = statement.executeUpdate() > 0;
            }
        }
        return found;
    }

    /** The keys of the jobs whose statement found their row. */
    private static Set<String> held(List<ClaimedJob> jobs, boolean[] found) {
        Set<String> held = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (found[i]) {
                held.add(key(jobs.get(i)));
            }
        }
        return held;
    }

    private static void deleteIds(Connection connection, Statements statements, String from, String label,
            List<String> ids) throws SQLException {
        try (PreparedStatement statement = statements.prepare(connection, "DELETE FROM " + from
                + " WHERE label = ? AND job_id IN " + list(ids.size()))) {
            bindLabelAndIds(statement, 1, label, ids);
            statement.executeUpdate();
        }
    }

    private static void bindLabelAndIds(PreparedStatement statement, int first, String label, List<String> ids)
            throws SQLException {
        int i = first;
        statement.setString(i++, label);
        for (String id : ids) {
            statement.setString(i++, id);
        }
    }

    /** {@code (?, ?, ...)}: n placeholders. */
    private static String list(int n) {
        return "(" + String.join(", ", Collections.nCopies(n, "?")) + ")";
    }

    /**
     * The tables and their indexes, for MariaDB and MySQL. Times are {@code DATETIME(3)} in UTC.
     */
    static List<String> ddl(String table) {
        String bare = table.substring(table.indexOf('.') + 1);
        String options = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " seq BIGINT NOT NULL AUTO_INCREMENT,"
                       + " added_at DATETIME(3) NOT NULL,"
                       + " due_at DATETIME(3) NOT NULL,"
                       + " checked BOOLEAN NOT NULL DEFAULT FALSE,"
                       + " due_on_release BOOLEAN NOT NULL DEFAULT FALSE,"
                       + " deliveries INTEGER NOT NULL DEFAULT 0,"
                       + " lease_owner VARCHAR(255),"
                       + " lease_token VARCHAR(64),"
                       + " submit_ledger MEDIUMTEXT,"
                       + " PRIMARY KEY (label, job_id),"
                       + " UNIQUE KEY " + bare + "_seq (seq),"
                       + " KEY " + bare + "_due (label, due_at, seq))" + options,
                "CREATE TABLE IF NOT EXISTS " + table + "_seeded ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " PRIMARY KEY (label, job_id))" + options,
                "CREATE TABLE IF NOT EXISTS " + table + "_delivered ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " delivered_at DATETIME(3) NOT NULL,"
                       + " PRIMARY KEY (label, job_id),"
                       + " KEY " + bare + "_delivered_at (label, delivered_at))" + options,
                "CREATE TABLE IF NOT EXISTS " + table + "_early ("
                       + " label VARCHAR(255) NOT NULL,"
                       + " job_id VARCHAR(255) NOT NULL,"
                       + " remembered_at DATETIME(3) NOT NULL,"
                       + " PRIMARY KEY (label, job_id),"
                       + " KEY " + bare + "_early_at (label, remembered_at))" + options);
    }
}
