package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.TestDatabase;
import io.github.camelaliyun.vod.aijob.TestMariaDb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC store's contract on a real MariaDB 10.11, plus the traps of MariaDB and MySQL: a claim read through the
 * index in its order (InnoDB locks each row it reads), times in UTC whatever the session's time zone.
 */
class MariaDbJdbcAiJobStoreContractTest extends JdbcAiJobStoreContractTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }

    /**
     * EXPLAIN of the claim's SELECT: a range of the index (label, due_at, seq), in its order (no filesort), so that
     * LIMIT stops the read and FOR UPDATE locks only the rows read, not the label's whole due range.
     */
    @Test
    void theClaimReadsTheDueIndexInItsOrder() throws Exception {
        List<String> ids = IntStream.range(0, 2000).mapToObj(i -> "e" + i).toList();
        store.add(ids, Instant.now());
        MariaDbDialect dialect = (MariaDbDialect) ((JdbcAiJobStore) store).dialect();
        List<String> plans = new ArrayList<>();
        try (Connection connection = database().dataSource().getConnection()) {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE TABLE contract_jobs");
            }
            for (String condition : List.of(" AND due_at <= UTC_TIMESTAMP(3) AND (checked OR added_at <= "
                                            + dialect.ago() + ")",
                    " AND (lease_token IS NULL OR due_at <= UTC_TIMESTAMP(3))")) {
                String select = dialect.claimSelect(condition).replace(" FOR UPDATE SKIP LOCKED", "");
                try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + select)) {
                    int i = 0;
                    explain.setString(++i, "label-of-none");
                    if (condition.contains("added_at")) {
                        explain.setLong(++i, 0);
                    }
                    explain.setInt(++i, 50);
                    try (ResultSet plan = explain.executeQuery()) {
                        assertThat(plan.next()).isTrue();
                        plans.add(plan.getString("key") + " | " + plan.getString("Extra"));
                    }
                }
            }
        }

        assertThat(plans).allSatisfy(plan -> assertThat(plan).startsWith("contract_jobs_due |")
                .doesNotContain("filesort"));
    }

    /** A session in Tokyo's time zone: with NOW() into DATETIME, its times would be 9 hours off the others'. */
    @Test
    void timesAreTheDatabasesClockInUtcWhateverTheSessionsTimeZone() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database().jdbcUrl());
        config.setConnectionInitSql("SET time_zone = '+09:00'");
        config.setMaximumPoolSize(2);
        try (HikariDataSource tokyo = new HikariDataSource(config)) {
            AiJobStore there = new JdbcAiJobStore(tokyo, "contract_jobs", "tokyo-" + System.nanoTime(), true);
            there.add(List.of("tz"), Instant.now());

            assertThat(there.pending(0, 10).get(0).addedAt())
                    .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
            assertThat(there.claim("one", 10, LONG).get(0).age()).isLessThan(Duration.ofMinutes(1));
        }
    }

    /**
     * Statement-based binary logging: no statement that writes says SKIP LOCKED or LIMIT (MariaDB refuses, or warns
     * about, those), so every operation works; the claim's locking SELECT is not logged.
     */
    @Test
    void everyOperationWorksWhenTheServerLogsStatements() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database().jdbcUrl());
        config.setConnectionInitSql("SET SESSION binlog_format = 'STATEMENT'");
        config.setMaximumPoolSize(2);
        try (HikariDataSource statements = new HikariDataSource(config)) {
            AiJobStore logged = new JdbcAiJobStore(statements, "contract_jobs", "binlog-" + System.nanoTime(), true);
            logged.verify();
            assertThat(logged.seed(List.of("a", "b", "c", "d"), Instant.now())).hasSize(4);
            assertThat(logged.rememberEarlyEvent("e")).isTrue();
            assertThat(logged.add(List.of("e"), Instant.now())).containsExactly("e");
            List<ClaimedJob> claimed = logged.claim("one", 10, LONG);
            assertThat(claimed).hasSize(5);
            assertThat(logged.renew(claimed, LONG)).isEmpty();
            ClaimedJob first = claimed.get(0);
            assertThat(logged.saveSubmitLedger(first.jobId(), first.leaseToken(), "ledger")).isTrue();
            assertThat(logged.submitLedger(first.jobId())).isEqualTo("ledger");
            assertThat(logged.complete(claimed.subList(0, 2))).isEmpty();
            assertThat(logged.release(List.of(new AiJobStore.Release(claimed.get(2), Duration.ZERO, true)))).isEmpty();
            assertThat(logged.markDue(claimed.get(3).jobId())).isTrue();
            assertThat(logged.claimAhead("two", 10, LONG)).extracting(ClaimedJob::jobId)
                    .containsExactly(claimed.get(2).jobId());
            List<String> rest = JdbcDialect.ids(claimed.subList(2, 5));
            assertThat(logged.remove(rest)).containsExactlyElementsOf(rest);
            assertThat(logged.deliveredLately(first.jobId())).isTrue();
            assertThat(logged.size()).isZero();
        }
    }

    /**
     * A server that refuses to log the store's writes as statements (here READ COMMITTED, with which InnoDB logs only
     * rows): the start check and every write fail naming binlog_format=ROW.
     */
    @Test
    void aServerThatCannotLogTheWritesAsStatementsFailsNamingBinlogFormatRow() {
        String label = "binlog-rc-" + System.nanoTime();
        new JdbcAiJobStore(database().dataSource(), "contract_jobs", label, true);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database().jdbcUrl());
        config.setConnectionInitSql("SET SESSION binlog_format = 'STATEMENT'");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(2);
        try (HikariDataSource statements = new HikariDataSource(config)) {
            AiJobStore refused = new JdbcAiJobStore(statements, "contract_jobs", label, false);

            assertThatThrownBy(refused::verify).hasMessageContaining("binlog_format=ROW");
            assertThatThrownBy(() -> refused.add(List.of("a"), Instant.now())).hasMessageContaining("binlog_format=ROW");
        }
    }

    /** Tables made by hand with another engine: InnoDB's row locks are what keeps two nodes off one job. */
    @Test
    void tablesOfAnotherEngineThanInnoDbFailTheStartCheckNamingThem() throws Exception {
        String table = "myisam_jobs";
        try (Connection connection = database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String suffix : List.of("", "_seeded", "_delivered", "_early")) {
                statement.execute("DROP TABLE IF EXISTS " + table + suffix);
            }
            for (String ddl : JdbcAiJobStore.mariaDbDdl(table)) {
                // MyISAM keys have at most 1,000 bytes: one byte a character
                statement.execute(ddl.contains("_seeded") ? ddl : ddl.replace("ENGINE=InnoDB", "ENGINE=MyISAM")
                        .replace("utf8mb4_bin", "latin1_bin").replace("utf8mb4", "latin1"));
            }
        }

        assertThatThrownBy(new JdbcAiJobStore(database().dataSource(), table, "l", false)::verify)
                .hasMessageContaining("must be InnoDB").hasMessageContaining("myisam_jobs (MyISAM)")
                .hasMessageContaining("myisam_jobs_early (MyISAM)").hasMessageNotContaining("myisam_jobs_seeded")
                .hasMessageContaining("ENGINE=InnoDB");
    }

    /**
     * A claim whose transaction still holds its locks leaves every row it did not take to the others: InnoDB locked
     * only the rows the claim read, since it read the index in its order and stopped at its limit; and the others'
     * claim, renewal, release, completion and removal of most of the label's rows do not wait on it (each finds its
     * rows by the primary key).
     */
    @Test
    void aClaimStillInItsTransactionLeavesTheRowsItDidNotTakeToOthers() throws Exception {
        store.add(IntStream.range(0, 500).mapToObj(i -> "h" + i).toList(), Instant.now());
        String label = ((JdbcAiJobStore) store).toString().replaceAll(".*label=(.*)]$", "$1");
        MariaDbDialect dialect = (MariaDbDialect) ((JdbcAiJobStore) store).dialect();
        try (Connection holder = database().dataSource().getConnection()) {
            holder.setAutoCommit(false);
            List<String> held = new ArrayList<>();
            try (PreparedStatement claim = holder.prepareStatement(dialect.claimSelect(
                    " AND (lease_token IS NULL OR due_at <= UTC_TIMESTAMP(3))"))) {
                claim.setString(1, label);
                claim.setInt(2, 10);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        held.add(rows.getString(1));
                    }
                }
            }

            List<ClaimedJob> others = store.claim("other", 1000, LONG);

            assertThat(held).hasSize(10);
            assertThat(others).hasSize(490).extracting(ClaimedJob::jobId).doesNotContainAnyElementsOf(held);
            // and the others' page writes, most of the label's rows, touch only their own rows
            assertThat(store.renew(others, LONG)).isEmpty();
            assertThat(store.release(others.subList(0, 100).stream()
                    .map(job -> new AiJobStore.Release(job, LONG, false)).toList())).isEmpty();
            assertThat(store.complete(others.subList(100, 490))).isEmpty();
            assertThat(store.remove(JdbcDialect.ids(others.subList(0, 100)))).hasSize(100);
            holder.rollback();
        }
    }
}
