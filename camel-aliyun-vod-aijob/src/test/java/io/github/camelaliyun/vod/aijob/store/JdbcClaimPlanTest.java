package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim is served by the index {@code (label, due_at, seq)} whatever number of rows other nodes hold: a leased
 * row's {@code due_at} is its lease end, so the rows a claim may take are one range of the index. Before, the lease
 * condition was outside the index, and a claim with 200,000 due rows leased elsewhere read and dropped every one of
 * them. The plan is read with EXPLAIN on a table of 60,000 rows, a third of them leased.
 */
class JdbcClaimPlanTest {

    private static final String TABLE = "plan_jobs";

    @Test
    void theClaimReadsOneRangeOfTheDueIndex() throws Exception {
        new JdbcAiJobStore(TestPostgres.dataSource(), TABLE, "plan", true, Duration.ofSeconds(10));
        try (Connection connection = TestPostgres.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + TABLE);
            // 40,000 free jobs due in the past and 20,000 leased ones (due at their lease end), of two labels
            statement.execute("INSERT INTO " + TABLE + " (label, job_id, added_at, due_at, checked)"
                              + " SELECT CASE WHEN n % 10 = 0 THEN 'other' ELSE 'plan' END, 'j' || n,"
                              + " now() - INTERVAL '1 hour', now() - n * INTERVAL '1 millisecond', TRUE"
                              + " FROM generate_series(1, 40000) AS n");
            statement.execute("INSERT INTO " + TABLE + " (label, job_id, added_at, due_at, checked, lease_owner,"
                              + " lease_token) SELECT 'plan', 'l' || n, now() - INTERVAL '1 hour',"
                              + " now() + INTERVAL '5 minutes', TRUE, 'elsewhere', 't' || n"
                              + " FROM generate_series(1, 20000) AS n");
            statement.execute("ANALYZE " + TABLE);

            List<String> plan = new ArrayList<>();
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + new PostgresDialect(TABLE, "14").claim)) {
                int i = 0;
                explain.setString(++i, "plan");
                explain.setDouble(++i, 0);
                explain.setInt(++i, 1000);
                explain.setString(++i, "node");
                explain.setString(++i, "token");
                explain.setDouble(++i, 60_000);
                explain.setString(++i, "plan");
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.add(rows.getString(1));
                    }
                }
            }
            String text = String.join("\n", plan);
            // the choice of the rows; how the UPDATE then finds them by key is the planner's, by the table's size
            String choice = text.substring(text.indexOf("CTE chosen"));
            choice = choice.substring(0, choice.indexOf("\n  ->"));
            assertThat(choice).as(text).contains("Index Scan using " + TABLE + "_due on " + TABLE)
                    .contains("Index Cond: (((label)::text = 'plan'::text) AND (due_at <= now()))")
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
        }
    }
}
