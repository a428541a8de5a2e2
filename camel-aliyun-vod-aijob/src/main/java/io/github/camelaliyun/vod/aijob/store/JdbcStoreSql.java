package io.github.camelaliyun.vod.aijob.store;

import java.util.List;

/**
 * The SQL of {@link JdbcAiJobStore}, PostgreSQL's dialect, in one place for the next dialect to follow. The parts
 * that are PostgreSQL's own: {@code FOR UPDATE SKIP LOCKED}, {@code INSERT ... ON CONFLICT}, {@code UPDATE ... FROM}
 * and {@code DELETE ... USING} with {@code RETURNING}, {@code unnest} of array parameters (a page's rows as one
 * parameter per column, so that a page is one statement), {@code now()} and interval arithmetic, the storage
 * parameters of the pending table.
 * <p>
 * The pending table's {@code due_at} is the next check time of a free job and the lease end of a leased one, so that
 * one range of the index {@code (label, due_at, seq)} holds every job a claim may take, whatever number of jobs other
 * nodes hold: a claim reads the due range from its oldest end and stops at its limit.
 */
final class JdbcStoreSql {

    /** A parameter of milliseconds as an interval (a double, so that any Duration fits). */
    static final String MILLIS = "CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'";

    /** Every column of each table, in the order of {@link #ddl}: checked by {@code verify()}. */
    static final List<String> PENDING_COLUMNS = List.of("label", "job_id", "seq", "added_at", "due_at", "checked",
            "due_on_release", "deliveries", "lease_owner", "lease_token", "submit_ledger");
    static final List<String> SEEDED_COLUMNS = List.of("label", "job_id");
    static final List<String> DELIVERED_COLUMNS = List.of("label", "job_id", "delivered_at");
    static final List<String> EARLY_COLUMNS = List.of("label", "job_id", "remembered_at");

    final String pending;
    final String seeded;
    final String delivered;
    final String early;

    /** Parameters: label, ids[]. Returns the ids inserted. */
    final String insert;
    /** Parameters: label, ids[]. Returns the ids not seeded before. */
    final String insertSeeded;
    /** Parameters: label, ids[], expiry millis. Returns each early event of the ids, and whether it is still fresh. */
    final String consumeEarly;
    /** Parameters: label, ids[]. */
    final String markChecked;
    /** Parameters: label, ids[]. Returns the ids removed. */
    final String delete;
    /** Parameters: label, first check millis, limit, owner, token, lease millis, label. */
    final String claim;
    /** Parameters: label, limit, owner, token, lease millis, label. */
    final String claimAhead;
    /** Parameters: ids[], tokens[], label. Returns id and token of each row deleted. */
    final String complete;
    /** Parameters: label, ids[]. */
    final String recordDelivered;
    /** Parameters: label, retention millis. */
    final String purgeDelivered;
    /** Parameters: ids[], tokens[], check-again millis[], failed (0 or 1)[], label. Returns id and token. */
    final String release;
    /** Parameters: lease millis, ids[], tokens[], label. Returns id and token. */
    final String renew;
    /** Parameters: label, id. */
    final String markDue;
    /** Parameters: label, id, retention millis. */
    final String deliveredLately;
    /** Parameters: id, label, expiry millis. Returns how many fresh early events the label has, and whether the id's. */
    final String countEarly;
    /** Parameters: label, id. */
    final String insertEarly;
    /** Parameters: label, expiry millis. */
    final String purgeEarly;
    /** Parameters: label, id. */
    final String ledger;
    /** Parameters: ledger, label, id, lease token, lease token (null: whatever the lease). */
    final String saveLedger;
    final String saveLedgerAhead;
    final String page;
    final String count;

    JdbcStoreSql(String table) {
        pending = table;
        seeded = table + "_seeded";
        delivered = table + "_delivered";
        early = table + "_early";
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
        purgeDelivered = "DELETE FROM " + delivered + " WHERE label = ? AND delivered_at <= now() - " + MILLIS;
        // SET reads the row as it was: a mark while leased (due_on_release) makes the release due now
        release = "UPDATE " + pending + " AS t SET lease_owner = NULL, lease_token = NULL, checked = TRUE,"
                  + " due_on_release = FALSE, deliveries = t.deliveries + v.failed,"
                  + " due_at = CASE WHEN t.due_on_release THEN now()"
                  + " ELSE now() + v.millis * INTERVAL '1 millisecond' END"
                  + " FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS DOUBLE PRECISION[]),"
                  + " CAST(? AS INTEGER[])) AS v(job_id, token, millis, failed) WHERE" + held;
        renew = "UPDATE " + pending + " AS t SET due_at = now() + " + MILLIS + page + " WHERE" + held;
        markDue = "UPDATE " + pending + " SET checked = TRUE, due_on_release = (lease_token IS NOT NULL),"
                  + " due_at = CASE WHEN lease_token IS NULL THEN LEAST(due_at, now()) ELSE due_at END"
                  + " WHERE label = ? AND job_id = ?";
        deliveredLately = "SELECT 1 FROM " + delivered + " WHERE label = ? AND job_id = ?"
                          + " AND delivered_at > now() - " + MILLIS;
        countEarly = "SELECT count(*), COALESCE(SUM(CASE WHEN job_id = ? THEN 1 ELSE 0 END), 0) FROM " + early
                     + " WHERE label = ? AND remembered_at > now() - " + MILLIS;
        insertEarly = "INSERT INTO " + early + " (label, job_id, remembered_at) VALUES (?, ?, now())"
                      + " ON CONFLICT (label, job_id) DO UPDATE SET remembered_at = EXCLUDED.remembered_at";
        purgeEarly = "DELETE FROM " + early + " WHERE label = ? AND remembered_at <= now() - " + MILLIS;
        ledger = "SELECT submit_ledger FROM " + pending + " WHERE label = ? AND job_id = ?";
        saveLedger = "UPDATE " + pending + " SET submit_ledger = ? WHERE label = ? AND job_id = ?"
                     + " AND (? IS NULL OR lease_token = ?)";
        // a leased row's due_at is its lease end
        saveLedgerAhead = "UPDATE " + pending + " SET submit_ledger = ? WHERE label = ? AND job_id = ?"
                          + " AND (? IS NULL OR lease_token = ? AND due_at > now())";
        this.page = "SELECT seq, job_id, added_at FROM " + pending + " WHERE label = ? AND seq > ? ORDER BY seq LIMIT ?";
        count = "SELECT count(*) FROM " + pending + " WHERE label = ?";
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

    /** {@code SELECT} of every column, no row: fails when the table or a column is missing. */
    static String probe(String table, List<String> columns) {
        return "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE 1 = 0";
    }

    /** Statements that write nothing but need each write privilege on the table; run in a rolled back transaction. */
    static List<String> writeProbes(String table) {
        return List.of(
                "INSERT INTO " + table + " (label, job_id) SELECT label, job_id FROM " + table + " WHERE 1 = 0",
                "UPDATE " + table + " SET label = label WHERE 1 = 0",
                "DELETE FROM " + table + " WHERE 1 = 0");
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
