package io.github.camelaliyun.vod.aijob;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dataSource store that cannot work fails the start of the routes that use it, saying what to fix: a database user
 * that may only read (before, the routes started, every poll failed, and a submitAiJob with track=true created and
 * billed jobs it then could not track), and a table made by hand that lacks a column (before, every poll failed for
 * ever).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcStoreStartCheckTest {

    /** The database the nodes share; a subclass runs the same on MariaDB. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String READ_ONLY_TABLE = "start_check_read_only";
    private static final String BROKEN_TABLE = "start_check_broken";

    @BeforeAll
    void tablesAndAReadOnlyUser() throws SQLException {
        new JdbcAiJobStore(database().dataSource(), READ_ONLY_TABLE, "any", true);
        List<String> tables = new ArrayList<>();
        try (Connection connection = database().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            database().createUser(statement, "start_check_reader", "reader");
            try (ResultSet result = statement.executeQuery(database().tablesLike(READ_ONLY_TABLE))) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("GRANT SELECT ON " + table + " TO " + database().userName("start_check_reader"));
            }
            statement.execute("DROP TABLE IF EXISTS " + BROKEN_TABLE);
            // as a DBA might write it by hand, without the lease columns
            statement.execute("CREATE TABLE " + BROKEN_TABLE + " (label VARCHAR(255) NOT NULL,"
                              + " job_id VARCHAR(255) NOT NULL, PRIMARY KEY (label, job_id))");
        }
        assertThat(tables).as("the store's tables").hasSize(4);
    }

    private DataSource readOnly() {
        return database().as("start_check_reader", "reader");
    }

    @Test
    void aConsumerWhoseDatabaseUserMayOnlyReadFailsToStartNamingTheGrants() {
        assertThatThrownBy(() -> start(readOnly(), READ_ONLY_TABLE, "from"))
                .hasStackTraceContaining(READ_ONLY_TABLE).hasStackTraceContaining("Grant SELECT, INSERT, UPDATE, DELETE");
    }

    @Test
    void aSubmitThatTracksFailsToStartBeforeAnyJobIsBilledWhenTheStoreIsReadOnly() {
        long submits = VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB);

        assertThatThrownBy(() -> start(readOnly(), READ_ONLY_TABLE, "submit"))
                .hasStackTraceContaining(READ_ONLY_TABLE).hasStackTraceContaining("Grant SELECT, INSERT, UPDATE, DELETE");

        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isEqualTo(submits);
    }

    @Test
    void aTableMadeByHandWithoutEveryColumnFailsTheStartNamingTheDdl() {
        assertThatThrownBy(() -> start(database().dataSource(), BROKEN_TABLE, "from"))
                .hasStackTraceContaining(BROKEN_TABLE).hasStackTraceContaining("jobStoreCreateTable");
    }

    @Test
    void aUserWhoMayNotCreateTheTablesIsToldToHaveThemCreatedAndToTurnTheCreationOff() throws Exception {
        String table = "start_check_uncreatable";
        if (database() == TestPostgres.DATABASE) {
            // PostgreSQL before 15 lets every user create in public: a schema the user may use but not create in
            try (Connection connection = database().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS start_check_locked");
                statement.execute("GRANT USAGE ON SCHEMA start_check_locked TO start_check_reader");
            }
            table = "start_check_locked.jobs";
        }
        String missing = table;

        assertThatThrownBy(() -> start(readOnly(), missing, "from", true))
                .hasStackTraceContaining("may not create the job store tables")
                .hasStackTraceContaining("jobStoreCreateTable=false")
                .hasStackTraceContaining("the DDL of JdbcAiJobStore.");
    }

    private void start(DataSource dataSource, String table, String kind) throws Exception {
        start(dataSource, table, kind, false);
    }

    /** Starts a context whose one route consumes the label (from) or submits and tracks into it (submit). */
    private void start(DataSource dataSource, String table, String kind, boolean createTable) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("ds", dataSource);
            String store = "dataSource=#ds&jobStoreCreateTable=" + createTable + "&jobStoreTable=" + table;
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    if (kind.equals("from")) {
                        from("aivod-aijob:checked?delay=50&" + store).to("log:never");
                    } else {
                        from("direct:submit")
                                .to("aivod-aijob:checked?operation=submitAiJob&jobTypes=AIVideoTag&track=true&" + store);
                    }
                }
            });
            camel.start();
            if (kind.equals("submit")) {
                camel.createProducerTemplate().sendBody("direct:submit", "video-1");
            }
        }
    }
}
