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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pending jobs of one label in a database table that several Camel contexts (nodes) share, with the rest of the
 * label's state in three more tables; on PostgreSQL 10 or later, MariaDB 10.6 or later or MySQL 8.0.1 or later
 * (tested on PostgreSQL and MariaDB). What each database is told differently is in its {@link JdbcDialect}
 * ({@link PostgresDialect}, {@link MariaDbDialect}), chosen from the first connection's database product name and
 * version; another database, or an older version, fails the start check naming what it found.
 * <ul>
 * <li>A claim is one short statement on PostgreSQL (a short transaction on MariaDB and MySQL): an {@code UPDATE} of
 * the due rows that nobody holds, chosen with
 * {@code FOR UPDATE SKIP LOCKED} so that nodes claiming at the same moment get different rows instead of waiting on
 * each other. The lease lives in the row (owner, token, and its end in {@code due_at}), so no transaction stays open
 * across a call to the service or a route. {@code due_at} is a free job's next check time and a leased job's lease
 * end: the due jobs, free or with an expired lease, are one range of the index {@code (label, due_at, seq)}, read
 * from its oldest end, and the jobs other nodes hold are not in it. Only jobs never checked that are younger than the
 * claim's first check delay are read and skipped.</li>
 * <li>A page's release, completion or renewal is one statement on PostgreSQL (the page's ids, tokens and times as
 * array parameters), a short transaction that first locks the page's rows on MariaDB and MySQL; a completion also records the deliveries ({@code <table>_delivered}), in the same transaction.</li>
 * <li>Every time (added, next check, lease, delivered, early event) comes from the database's clock ({@code now()},
 * {@code UTC_TIMESTAMP(3)} on MariaDB and MySQL),
 * never from a node's.</li>
 * <li>Rows hold ids, times, counters and the submit ledger (text the component writes, in the pending row: it goes
 * with the job), never parsed jobs. Several labels share the tables (the label column).</li>
 * <li>Connections are borrowed from the application's DataSource for each operation and given back at once; the
 * store closes nothing else, and never the DataSource. A connection that is not in auto-commit mode is committed
 * after each operation.</li>
 * <li>Every statement has a query timeout ({@code statementTimeout}, 10 s by default): a statement that waits on a
 * lock or a database that does not answer fails the operation instead of stalling the consumer past its leases.
 * While the store uses a connection, its network timeout is twice that ({@link BoundedConnection}): a silent network
 * path, which a query timeout does not end, fails the operation too.</li>
 * </ul>
 * The tables ({@link #ddl}): {@code <table>} (pending jobs), {@code <table>_seeded} (the ids of the {@code jobIds}
 * option, so that a delivered job is not added again when a node starts), {@code <table>_delivered} (jobs completed
 * lately, so that a late copy of an event does not track a job again) and {@code <table>_early} (early events).
 * Their growth: the pending table holds the pending jobs; the seeded table every id of the {@code jobIds} option ever
 * given; the delivered table the completions of the last {@link StoreBounds#DELIVERED_RETENTION} (older rows are
 * ignored by the reads and deleted by a completion, at most once a minute per node and label); the early table at
 * most {@link StoreBounds#EARLY_EVENTS_PER_LABEL} rows of the last {@link StoreBounds#EARLY_EVENT_EXPIRY} per label
 * (older rows are ignored and deleted by a later early event, at most once a minute; nodes remembering at the same
 * moment may pass the bound by one row each).
 * <p>
 * Vacuum (PostgreSQL): each job costs the pending table an insert, an update per claim and per release, and a delete, so it is
 * mostly dead rows after a busy hour; the DDL sets {@code autovacuum_vacuum_scale_factor = 0.01},
 * {@code autovacuum_vacuum_threshold = 1000} and {@code autovacuum_analyze_scale_factor = 0.02} on it (PostgreSQL's
 * 0.2 waits for a fifth of the table to be dead). For a table created before, or by a DBA:
 * {@code ALTER TABLE <table> SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
 * autovacuum_analyze_scale_factor = 0.02)}.
 */
public class JdbcAiJobStore implements AiJobStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAiJobStore.class);
    /** The query timeout of the 4-argument constructor. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    /** How often, at most, a node deletes a label's expired delivered and early rows. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** How often a transaction that a deadlock rolled back is tried, in all. */
    static final int DEADLOCK_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final String table;
    private final String label;
    private final int timeoutSeconds;
    private final int networkTimeoutMillis;
    private final StoreBounds bounds;
    /** Chosen on first use, from the database of the DataSource. */
    private volatile JdbcDialect dialect;
    private final AtomicLong nextDeliveredPurge = new AtomicLong();
    private final AtomicLong nextEarlyPurge = new AtomicLong();

    /** A store whose statements time out after {@link #DEFAULT_STATEMENT_TIMEOUT}. */
    public JdbcAiJobStore(DataSource dataSource, String table, String label, boolean createTable) {
        this(dataSource, table, label, createTable, DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * @param table            the table (letters, digits, underscores, optionally schema.table): checked, since it is
     *                         part of the SQL
     * @param createTable      whether to create the tables (and indexes) when missing
     * @param statementTimeout the query timeout of every statement, rounded up to whole seconds (at least 1 s)
     */
    public JdbcAiJobStore(DataSource dataSource, String table, String label, boolean createTable,
            Duration statementTimeout) {
        this(dataSource, table, label, createTable, statementTimeout, StoreBounds.DEFAULT);
    }

    /** With other bounds than the component's; for tests. */
    JdbcAiJobStore(DataSource dataSource, String table, String label, boolean createTable, Duration statementTimeout,
            StoreBounds bounds) {
        if (dataSource == null) {
            throw new IllegalArgumentException("A JdbcAiJobStore needs a DataSource");
        }
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("Invalid jobStoreTable '" + table + "': use letters, digits and"
                                               + " underscores, optionally with a schema (jobs.aivod_aijob_pending)");
        }
        if (statementTimeout == null || statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("The statement timeout of a JdbcAiJobStore must be positive");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.label = label;
        long seconds = (statementTimeout.toMillis() + 999) / 1000;
        this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
        // twice the statement timeout: a server that is slow but answers reports its own timeout first
        this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, 2000L * timeoutSeconds);
        this.bounds = bounds;
        if (createTable) {
            createTables();
        }
    }

    /**
     * The PostgreSQL DDL of the tables and indexes this store uses, for a DBA to run when the application may not.
     */
    public static List<String> ddl(String table) {
        return PostgresDialect.ddl(table);
    }

    /** The MariaDB and MySQL DDL of the tables and indexes this store uses. */
    public static List<String> mariaDbDdl(String table) {
        return MariaDbDialect.ddl(table);
    }

    /** The dialect of the DataSource's database, found out on first use. */
    JdbcDialect dialect() {
        JdbcDialect known = dialect;
        if (known == null) {
            try (BoundedConnection bounded = BoundedConnection.open(dataSource, networkTimeoutMillis)) {
                known = JdbcDialect.of(bounded.connection().getMetaData(), table);
            } catch (SQLException e) {
                throw failure(e);
            }
            dialect = known;
        }
        return known;
    }

    private void createTables() {
        try {
            run(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(timeoutSeconds);
                    for (String ddl : dialect().ddl()) {
                        statement.execute(ddl);
                    }
                }
                return null;
            });
        } catch (IllegalStateException e) {
            // several nodes starting at once may race on CREATE ... IF NOT EXISTS: fine if the tables exist now
            try {
                size();
            } catch (IllegalStateException stillMissing) {
                if (e.getCause() instanceof SQLException cause
                    && dialect().problem(cause) == JdbcDialect.Problem.NOT_GRANTED) {
                    throw new IllegalStateException("Job store (label '" + label + "', " + dialect().database()
                                                    + "): the database user may not create the job store tables ("
                                                    + cause.getMessage() + "). Have them created by a user who"
                                                    + " may, with the DDL of " + dialect().ddlCall(table) + " (also"
                                                    + " on the component's page, section 'Running several nodes'),"
                                                    + " and set jobStoreCreateTable=false (SQLState "
                                                    + cause.getSQLState() + ")", cause);
                }
                throw e;
            }
            LOG.debug("Another node created the job store table {} meanwhile: {}", table, e.getMessage());
        }
    }

    /**
     * Checks that the four tables have every column this store uses, that this user may read and write them
     * (statements that touch no row, in a transaction rolled back), and what the dialect checks besides (on MariaDB
     * and MySQL: that the tables are InnoDB).
     */
    @Override
    public void verify() {
        JdbcDialect sql = dialect();
        List<String> tables = List.of(sql.pending, sql.seeded, sql.delivered, sql.early);
        List<List<String>> columns = List.of(JdbcDialect.PENDING_COLUMNS, JdbcDialect.SEEDED_COLUMNS,
                JdbcDialect.DELIVERED_COLUMNS, JdbcDialect.EARLY_COLUMNS);
        try (BoundedConnection bounded = BoundedConnection.open(dataSource, networkTimeoutMillis)) {
            Connection connection = bounded.connection();
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds);
                for (int i = 0; i < tables.size(); i++) {
                    String name = tables.get(i);
                    try {
                        statement.executeQuery(JdbcDialect.probe(name, columns.get(i))).close();
                        for (String probe : JdbcDialect.writeProbes(name, columns.get(i))) {
                            statement.executeUpdate(probe);
                        }
                    } catch (SQLException e) {
                        throw verifyFailure(name, e);
                    }
                }
                String unfit = sql.unfitTables(connection, this::prepare, tables);
                if (unfit != null) {
                    throw new IllegalStateException("Job store (label '" + label + "', " + sql.database() + "): "
                                                    + unfit);
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private IllegalStateException verifyFailure(String name, SQLException e) {
        JdbcDialect sql = dialect();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String tables = sql.pending + ", " + sql.seeded + ", " + sql.delivered + ", " + sql.early;
        JdbcDialect.Problem found = sql.problem(e);
        String problem = switch (found) {
            case MISSING_TABLE, MISSING_COLUMN -> "the job store table " + name
                    + (found == JdbcDialect.Problem.MISSING_COLUMN ? " lacks a column this version uses"
                            : " is missing")
                    + " (" + e.getMessage() + "). Run the DDL of " + sql.ddlCall(table) + " (also on the component's"
                    + " page, section 'Running several nodes') as a user who may create tables, or correct"
                    + " jobStoreTable if the name is not the table's; with"
                    + " jobStoreCreateTable=false the application does not create them. A table of an older version"
                    + " must be dropped (or altered) first: CREATE TABLE IF NOT EXISTS keeps it as it is";
            case NOT_GRANTED -> "the database user may not read and write the job store tables (" + e.getMessage()
                    + "). Grant SELECT, INSERT, UPDATE, DELETE ON " + tables + " to it";
            case READ_ONLY -> "the database is read-only (" + e.getMessage() + "): the job store needs a primary"
                    + " that accepts writes, not a standby";
            default -> "checking the job store table " + name + " failed: " + e.getMessage() + sql.hint(e);
        };
        return new IllegalStateException("Job store (label '" + label + "', " + sql.database() + "): " + problem
                                         + " (SQLState " + state + ")", e);
    }

    @Override
    public List<String> add(Collection<String> jobIds, Instant addedAt) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        return inTransaction(connection -> insertNew(connection, unique));
    }

    /** Records the ids as seeded (second table) and adds those that were not seeded before, in one transaction. */
    @Override
    public List<String> seed(Collection<String> jobIds, Instant addedAt) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        JdbcDialect sql = dialect();
        return inTransaction(connection -> {
            List<String> fresh = inOrder(unique, sql.insertSeeded(connection, this::prepare, label, unique));
            return fresh.isEmpty() ? fresh : insertNew(connection, fresh);
        });
    }

    /** Inserts the ids not pending; those with a fresh early event are due at once (checked, as if marked). */
    private List<String> insertNew(Connection connection, List<String> ids) throws SQLException {
        JdbcDialect sql = dialect();
        List<String> added = inOrder(ids, sql.insertPending(connection, this::prepare, label, ids));
        if (added.isEmpty()) {
            return added;
        }
        List<String> early = new ArrayList<>();
        for (Map.Entry<String, Boolean> event : sql.consumeEarly(connection, this::prepare, label, added,
                bounds.earlyEventExpiry()).entrySet()) {
            if (event.getValue()) {
                early.add(event.getKey());
            }
        }
        if (!early.isEmpty()) {
            sql.markChecked(connection, this::prepare, label, early);
        }
        return added;
    }

    private static List<String> inOrder(List<String> given, Set<String> kept) {
        List<String> result = new ArrayList<>(kept.size());
        for (String id : given) {
            if (kept.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }

    @Override
    public List<String> remove(Collection<String> jobIds) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(jobIds));
        if (unique.isEmpty()) {
            return List.of();
        }
        JdbcDialect sql = dialect();
        return atomically(connection -> inOrder(unique, sql.delete(connection, this::prepare, label, unique)));
    }

    @Override
    public List<ClaimedJob> claim(String owner, int limit, Duration leaseDuration, Duration firstCheckAfter) {
        return claim(firstCheckAfter, owner, limit, leaseDuration);
    }

    @Override
    public List<ClaimedJob> claimAhead(String owner, int limit, Duration leaseDuration) {
        return claim(null, owner, limit, leaseDuration);
    }

    private List<ClaimedJob> claim(Duration firstCheckAfter, String owner, int limit, Duration leaseDuration) {
        String token = UUID.randomUUID().toString();
        String shortOwner = owner.length() > 255 ? owner.substring(0, 255) : owner;
        JdbcDialect sql = dialect();
        return atomically(connection -> sql.claim(connection, this::prepare, label, firstCheckAfter, shortOwner, token,
                limit, leaseDuration));
    }

    @Override
    public boolean complete(ClaimedJob job) {
        return complete(List.of(job)).isEmpty();
    }

    /**
     * Deletes the rows still held (their ledgers with them) and records their deliveries, in one transaction: one
     * statement for the page's rows, one for its deliveries, and now and then one that deletes expired deliveries.
     */
    @Override
    public List<ClaimedJob> complete(Collection<ClaimedJob> jobs) {
        List<ClaimedJob> list = new ArrayList<>(jobs);
        if (list.isEmpty()) {
            return List.of();
        }
        JdbcDialect sql = dialect();
        return inTransaction(connection -> {
            Set<String> done = sql.complete(connection, this::prepare, label, list);
            List<ClaimedJob> refused = refused(list, done);
            if (refused.size() < list.size()) {
                List<String> delivered = new ArrayList<>(new LinkedHashSet<>(list.stream()
                        .filter(job -> done.contains(JdbcDialect.key(job))).map(ClaimedJob::jobId).toList()));
                sql.recordDelivered(connection, this::prepare, label, delivered);
            }
            if (due(nextDeliveredPurge)) {
                purge(connection, dialect().purgeDelivered, bounds.deliveredRetention());
            }
            return refused;
        });
    }

    @Override
    public boolean release(ClaimedJob job, Duration checkAgainIn, boolean deliveryFailed) {
        return release(List.of(new Release(job, checkAgainIn, deliveryFailed))).isEmpty();
    }

    /** One statement for the page. */
    @Override
    public List<ClaimedJob> release(Collection<Release> releases) {
        List<Release> list = new ArrayList<>(releases);
        if (list.isEmpty()) {
            return List.of();
        }
        List<ClaimedJob> jobs = list.stream().map(Release::job).toList();
        JdbcDialect sql = dialect();
        return atomically(connection -> refused(jobs, sql.release(connection, this::prepare, label, list)));
    }

    @Override
    public boolean markDue(String jobId) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, dialect().markDue)) {
                statement.setString(1, label);
                statement.setString(2, jobId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    /** One statement for the page. */
    @Override
    public List<ClaimedJob> renew(Collection<ClaimedJob> jobs, Duration leaseDuration) {
        List<ClaimedJob> list = new ArrayList<>(jobs);
        if (list.isEmpty()) {
            return List.of();
        }
        JdbcDialect sql = dialect();
        return atomically(connection -> refused(list, sql.renew(connection, this::prepare, label, list,
                leaseDuration)));
    }

    private static List<ClaimedJob> refused(List<ClaimedJob> jobs, Set<String> held) {
        List<ClaimedJob> refused = new ArrayList<>();
        for (ClaimedJob job : jobs) {
            if (!held.contains(JdbcDialect.key(job))) {
                refused.add(job);
            }
        }
        return refused;
    }

    @Override
    public boolean deliveredLately(String jobId) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, dialect().deliveredLately)) {
                statement.setString(1, label);
                statement.setString(2, jobId);
                dialect().bindMillis(statement, 3, bounds.deliveredRetention());
                try (ResultSet result = statement.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    /** Counts the label's fresh early events and inserts this one when there is room, in one transaction. */
    @Override
    public boolean rememberEarlyEvent(String jobId) {
        return inTransaction(connection -> {
            if (due(nextEarlyPurge)) {
                purge(connection, dialect().purgeEarly, bounds.earlyEventExpiry());
            }
            try (PreparedStatement statement = prepare(connection, dialect().countEarly)) {
                statement.setString(1, jobId);
                statement.setString(2, label);
                dialect().bindMillis(statement, 3, bounds.earlyEventExpiry());
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getLong(2) > 0) {
                        return true;
                    }
                    if (result.getLong(1) >= bounds.earlyEventsPerLabel()) {
                        return false; // the remembered ones stay: a flood of made-up ids cannot push them out
                    }
                }
            }
            try (PreparedStatement statement = prepare(connection, dialect().insertEarly())) {
                statement.setString(1, label);
                statement.setString(2, jobId);
                statement.executeUpdate();
            }
            return true;
        });
    }

    /** Whether this node's next purge is due now; if so, the one after is a {@link #PURGE_INTERVAL} away. */
    private static boolean due(AtomicLong nextPurge) {
        long now = System.nanoTime();
        long next = nextPurge.get();
        return (next == 0 || now - next >= 0) && nextPurge.compareAndSet(next, now + PURGE_INTERVAL.toNanos());
    }

    private void purge(Connection connection, String purgeSql, Duration keep) throws SQLException {
        try (PreparedStatement statement = prepare(connection, purgeSql)) {
            statement.setString(1, label);
            dialect().bindMillis(statement, 2, keep);
            int purged = statement.executeUpdate();
            LOG.debug("Job store table {} (label '{}'): {} expired rows deleted", table, label, purged);
        }
    }

    @Override
    public String submitLedger(String jobId) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, dialect().ledger)) {
                statement.setString(1, label);
                statement.setString(2, jobId);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() ? result.getString(1) : null;
                }
            }
        });
    }

    @Override
    public boolean saveSubmitLedger(String jobId, String leaseToken, String ledger) {
        return saveLedger(dialect().saveLedger, jobId, leaseToken, ledger);
    }

    @Override
    public boolean saveSubmitLedgerAhead(String jobId, String leaseToken, String ledger) {
        return saveLedger(dialect().saveLedgerAhead, jobId, leaseToken, ledger);
    }

    private boolean saveLedger(String update, String jobId, String leaseToken, String ledger) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, update)) {
                statement.setString(1, ledger);
                statement.setString(2, label);
                statement.setString(3, jobId);
                statement.setString(4, leaseToken);
                statement.setString(5, leaseToken);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<PendingJob> pending(long afterSequence, int limit) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, dialect().page)) {
                statement.setString(1, label);
                statement.setLong(2, afterSequence);
                statement.setInt(3, limit);
                List<PendingJob> jobs = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        jobs.add(new PendingJob(result.getLong(1), result.getString(2),
                                dialect().millis(result, 3)));
                    }
                }
                return jobs;
            }
        });
    }

    @Override
    public int size() {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, dialect().count)) {
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

    /** Every statement gets the query timeout. */
    private PreparedStatement prepare(Connection connection, String statementSql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(statementSql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** One operation on a borrowed connection, committed when the connection does not commit by itself. */
    private <T> T run(Work<T> work) {
        // known before the connection is borrowed: finding it out borrows one, and a pool of one has no second
        dialect();
        try (BoundedConnection bounded = BoundedConnection.open(dataSource, networkTimeoutMillis)) {
            Connection connection = bounded.connection();
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

    /**
     * A write of a page: one statement where the dialect says it in one ({@link #run}), else a transaction whose
     * first statement locks the rows.
     */
    private <T> T atomically(Work<T> work) {
        return dialect().pagesInOneStatement() ? run(work) : inTransaction(work);
    }

    /** Several statements that stand or fall together. */
    private <T> T inTransaction(Work<T> work) {
        dialect();
        for (int attempt = 1; ; attempt++) {
            try (BoundedConnection bounded = BoundedConnection.open(dataSource, networkTimeoutMillis)) {
                Connection connection = bounded.connection();
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
                if (attempt >= DEADLOCK_ATTEMPTS || !deadlocked(e)) {
                    throw failure(e);
                }
                LOG.debug("Job store table {} (label '{}'): a deadlock, transaction tried again: {}", table, label,
                        e.getMessage());
                pauseAfterDeadlock(attempt);
            }
        }
    }

    /**
     * Whether the database chose this transaction as a deadlock's victim and rolled it back. InnoDB's next-key locks
     * make these happen between claims at the same moment (each inserts index entries into a gap the other's read
     * locked); the transaction is tried again, as InnoDB's manual says applications should.
     */
    private boolean deadlocked(SQLException e) {
        JdbcDialect known = dialect;
        return known != null && known.problem(e) == JdbcDialect.Problem.DEADLOCK;
    }

    private static void pauseAfterDeadlock(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private IllegalStateException failure(SQLException e) {
        JdbcDialect known = dialect;
        boolean timedOut = known == null ? "57014".equals(e.getSQLState())
                : known.problem(e) == JdbcDialect.Problem.TIMED_OUT;
        String hint = timedOut
                ? "; the statement did not finish within its timeout of " + timeoutSeconds + " s (a lock held by"
                  + " another transaction, or a database that does not keep up)"
                : known == null ? "" : known.hint(e);
        return new IllegalStateException("The job store table " + table + " (label '" + label + "') failed: "
                                         + e.getMessage() + " (SQLState " + e.getSQLState() + ")" + hint, e);
    }
}
