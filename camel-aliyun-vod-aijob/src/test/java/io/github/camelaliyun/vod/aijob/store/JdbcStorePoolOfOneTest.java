package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A store never holds one connection of the application's pool while it waits for another: with a pool of one, the
 * first use (which finds out the database's dialect) and every operation after it get through, where a nested borrow
 * would wait for the pool's connection timeout and fail.
 */
class JdbcStorePoolOfOneTest {

    @Test
    void aPoolOfOneConnectionIsEnough() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(TestPostgres.instance().getPostgresDatabase());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(5000);
        config.setPoolName("pool-of-one");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                JdbcAiJobStore store = new JdbcAiJobStore(pool, "pool_of_one", "one", true);
                store.remove(List.of("a"));
                store.add(List.of("a"), Instant.now());
                store.verify();
                ClaimedJob job = store.claim("node", 10, Duration.ofMinutes(1)).get(0);
                assertThat(store.saveSubmitLedgerAhead("a", job.leaseToken(), "ahead")).isTrue();
                assertThat(store.complete(job)).isTrue();
            });
        }
    }
}
