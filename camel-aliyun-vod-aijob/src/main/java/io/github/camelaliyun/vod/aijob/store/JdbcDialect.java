package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link JdbcAiJobStore} says differently to each database: the statements that read or write a page of rows,
 * the clock and interval arithmetic, the DDL, and what an error's codes mean. The store keeps the rest (transactions,
 * timeouts, leases, bounds, purges, the start check), so the lease rules are the same on every database.
 * <p>
 * The statements that read one row or a count are the same on every database but for the clock, and are built here
 * from {@link #now()} and {@link #ago()}.
 */
abstract class JdbcDialect {

    /** Every column of each table, in the order of the DDL: checked by {@code verify()}. */
    static final List<String> PENDING_COLUMNS = List.of("label", "job_id", "seq", "added_at", "due_at", "checked",
            "due_on_release", "deliveries", "lease_owner", "lease_token", "submit_ledger");
    static final List<String> SEEDED_COLUMNS = List.of("label", "job_id");
    static final List<String> DELIVERED_COLUMNS = List.of("label", "job_id", "delivered_at");
    static final List<String> EARLY_COLUMNS = List.of("label", "job_id", "remembered_at");

    /** The databases and versions the store supports, for messages. */
    static final String SUPPORTED = "PostgreSQL 10 or later, MariaDB 10.6 or later, MySQL 8.0.1 or later";
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * The dialect of the database a connection is to, from its product name and version. MySQL's own driver names a
     * MariaDB server "MySQL", with a version such as {@code 5.5.5-10.11.5-MariaDB}: the version tells.
     *
     * @throws IllegalStateException for another database, or a version without {@code SKIP LOCKED} (PostgreSQL 9.5,
     *                               MariaDB 10.6, MySQL 8.0.1) or the features the DDL uses
     */
    static JdbcDialect of(DatabaseMetaData metaData, String table) throws SQLException {
        String product = String.valueOf(metaData.getDatabaseProductName());
        String version = String.valueOf(metaData.getDatabaseProductVersion());
        String found = product + " " + version;
        if (version.toLowerCase(java.util.Locale.ROOT).contains("mariadb")
            || product.toLowerCase(java.util.Locale.ROOT).contains("mariadb")) {
            int[] v = version(version.replaceFirst("^5\\.5\\.5-", ""));
            if (atLeast(v, 10, 6, 0)) {
                return new MariaDbDialect(table, "MariaDB " + version);
            }
        } else if (product.equalsIgnoreCase("MySQL")) {
            if (atLeast(version(version), 8, 0, 1)) {
                return new MariaDbDialect(table, "MySQL " + version);
            }
        } else if (product.equalsIgnoreCase("PostgreSQL")) {
            if (atLeast(version(version), 10, 0, 0)) {
                return new PostgresDialect(table, version);
            }
        }
        throw new IllegalStateException("The job store table " + table + " is on " + found + ", which it does not"
                                        + " support: it supports " + SUPPORTED);
    }

    private static int[] version(String text) {
        Matcher matcher = VERSION.matcher(text);
        if (!matcher.find()) {
            return new int[] { 0, 0, 0 };
        }
        return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)) };
    }

    private static boolean atLeast(int[] version, int major, int minor, int patch) {
        return Arrays.compare(version, new int[] { major, minor, patch }) >= 0;
    }

    /** What an error means to the store, whatever the database's codes for it. */
    enum Problem {
        MISSING_TABLE, MISSING_COLUMN, NOT_GRANTED, READ_ONLY, TIMED_OUT, DEADLOCK, OTHER
    }

    /** Prepares a statement with the store's query timeout. */
    @FunctionalInterface
    interface Statements {
        PreparedStatement prepare(Connection connection, String sql) throws SQLException;
    }

    final String pending;
    final String seeded;
    final String delivered;
    final String early;

    /** Parameters: label, id. */
    final String markDue;
    /** Parameters: label, id, retention millis. */
    final String deliveredLately;
    /** Parameters: id, label, expiry millis. Returns how many fresh early events the label has, and whether the id's. */
    final String countEarly;
    /** Parameters: label, retention millis. */
    final String purgeDelivered;
    /** Parameters: label, expiry millis. */
    final String purgeEarly;
    /** Parameters: label, id. */
    final String ledger;
    /** Parameters: ledger, label, id, lease token, lease token (null: whatever the lease). */
    final String saveLedger;
    /** As saveLedger, and only while the lease holds by the database's clock (a leased row's due_at is its end). */
    final String saveLedgerAhead;
    /** Parameters: label, after sequence, limit. */
    final String page;
    /** Parameters: label. */
    final String count;

    JdbcDialect(String table) {
        pending = table;
        seeded = table + "_seeded";
        delivered = table + "_delivered";
        early = table + "_early";
        // the assignments read lease_token and due_at before any of them changes it: MySQL and MariaDB assign from
        // left to right and let a later one see an earlier one's value, PostgreSQL reads the row as it was
        markDue = "UPDATE " + pending + " SET checked = TRUE, due_on_release = (lease_token IS NOT NULL),"
                  + " due_at = CASE WHEN lease_token IS NULL THEN LEAST(due_at, " + now() + ") ELSE due_at END"
                  + " WHERE label = ? AND job_id = ?";
        deliveredLately = "SELECT 1 FROM " + delivered + " WHERE label = ? AND job_id = ? AND delivered_at > " + ago();
        countEarly = "SELECT count(*), COALESCE(SUM(CASE WHEN job_id = ? THEN 1 ELSE 0 END), 0) FROM " + early
                     + " WHERE label = ? AND remembered_at > " + ago();
        purgeDelivered = "DELETE FROM " + delivered + " WHERE label = ? AND delivered_at <= " + ago();
        purgeEarly = "DELETE FROM " + early + " WHERE label = ? AND remembered_at <= " + ago();
        ledger = "SELECT submit_ledger FROM " + pending + " WHERE label = ? AND job_id = ?";
        saveLedger = "UPDATE " + pending + " SET submit_ledger = ? WHERE label = ? AND job_id = ?"
                     + " AND (? IS NULL OR lease_token = ?)";
        saveLedgerAhead = "UPDATE " + pending + " SET submit_ledger = ? WHERE label = ? AND job_id = ?"
                          + " AND (? IS NULL OR lease_token = ? AND due_at > " + now() + ")";
        page = "SELECT seq, job_id, added_at FROM " + pending + " WHERE label = ? AND seq > ? ORDER BY seq LIMIT ?";
        count = "SELECT count(*) FROM " + pending + " WHERE label = ?";
    }

    /** The database and version this dialect speaks to, for messages. */
    abstract String database();

    /** The database's clock, as an expression. */
    abstract String now();

    /** The database's clock less a parameter of milliseconds (see {@link #bindMillis}), as an expression. */
    abstract String ago();

    /** Binds a parameter of milliseconds of {@link #ago()} and of the dialect's own statements. */
    abstract void bindMillis(PreparedStatement statement, int index, Duration duration) throws SQLException;

    /** A time column as milliseconds since the epoch. */
    abstract long millis(ResultSet result, int column) throws SQLException;

    /** The tables and indexes. */
    abstract List<String> ddl();

    /**
     * Whether a page's claim, completion, release, renewal and removal are one statement each. When not, the store
     * runs each in a transaction, whose first statement locks the rows it will write.
     */
    abstract boolean pagesInOneStatement();

    /** Inserts the ids not pending yet (added now, due now) and returns those inserted. In a transaction. */
    abstract Set<String> insertPending(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException;

    /** Records the ids as seeded and returns those not seeded before. In a transaction. */
    abstract Set<String> insertSeeded(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException;

    /** Deletes the early events of the ids and returns, for each one found, whether it was fresher than expiry. */
    abstract Map<String, Boolean> consumeEarly(Connection connection, Statements statements, String label,
            List<String> ids, Duration expiry) throws SQLException;

    /** Marks the ids checked (due as soon as their next check time comes, not after the first check delay). */
    abstract void markChecked(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException;

    /** Deletes the ids' rows and returns the ids deleted. */
    abstract Set<String> delete(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException;

    /**
     * Leases to the owner up to limit rows that nobody holds, due longest first, and returns them in that order.
     *
     * @param firstCheckAfter null for a claim ahead: every free row and every expired lease, due or not; else the due
     *                        rows, those never checked only once they are that old
     */
    abstract List<ClaimedJob> claim(Connection connection, Statements statements, String label,
            Duration firstCheckAfter, String owner, String token, int limit, Duration lease) throws SQLException;

    /** Deletes the rows still held with the jobs' tokens and returns their {@link #key keys}. */
    abstract Set<String> complete(Connection connection, Statements statements, String label, List<ClaimedJob> jobs)
            throws SQLException;

    /** Records the ids as delivered now. */
    abstract void recordDelivered(Connection connection, Statements statements, String label, List<String> ids)
            throws SQLException;

    /** Frees the rows still held with the jobs' tokens and returns their {@link #key keys}. */
    abstract Set<String> release(Connection connection, Statements statements, String label,
            List<AiJobStore.Release> releases) throws SQLException;

    /** Extends the leases still held with the jobs' tokens and returns their {@link #key keys}. */
    abstract Set<String> renew(Connection connection, Statements statements, String label, List<ClaimedJob> jobs,
            Duration lease) throws SQLException;

    /** Parameters: label, id. Inserts an early event remembered now, or makes the id's one fresh again. */
    abstract String insertEarly();

    /** What the error means. */
    abstract Problem problem(SQLException e);

    /**
     * What makes tables that have every column unfit for the store, as a message naming the fix, or null. Run by the
     * start check after the probes, in its transaction.
     */
    String unfitTables(Connection connection, Statements statements, List<String> tables) throws SQLException {
        return null;
    }

    /** A hint for an error that needs the database configured otherwise, or empty. */
    String hint(SQLException e) {
        return "";
    }

    /** The DDL's source, named in the start check's message. */
    abstract String ddlCall(String table);

    /** Names a lease: a job id and its token. */
    static String key(String jobId, String token) {
        return jobId + '\n' + token;
    }

    static String key(ClaimedJob job) {
        return key(job.jobId(), job.leaseToken());
    }

    static List<String> ids(Collection<ClaimedJob> jobs) {
        return jobs.stream().map(ClaimedJob::jobId).toList();
    }

    /** {@code SELECT} of every column, no row: fails when the table or a column is missing. */
    static String probe(String table, List<String> columns) {
        return "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    }

    /**
     * Statements that write nothing but need each write privilege on the table; run in a rolled back transaction. The
     * insert names every column but the generated {@code seq}: MariaDB checks that the columns without a default are
     * given even when no row is.
     */
    static List<String> writeProbes(String table, List<String> columns) {
        String given = String.join(", ", columns.stream().filter(column -> !column.equals("seq")).toList());
        return List.of(
                "INSERT INTO " + table + " (" + given + ") SELECT " + given + " FROM " + table + " WHERE 1 = 0",
                "UPDATE " + table + " SET label = label WHERE 1 = 0",
                "DELETE FROM " + table + " WHERE 1 = 0");
    }
}
