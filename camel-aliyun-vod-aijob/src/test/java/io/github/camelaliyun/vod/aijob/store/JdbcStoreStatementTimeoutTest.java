package io.github.camelaliyun.vod.aijob.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A store statement that waits on a lock (another session holds the job's row, say a DBA's open transaction) fails
 * after the store's statement timeout instead of holding the consumer's writes past its leases; once the lock goes,
 * the same write succeeds.
 */
class JdbcStoreStatementTimeoutTest {

    @Test
    void aWriteBlockedByARowLockFailsAfterTheStatementTimeout() throws Exception {
        JdbcAiJobStore store = new JdbcAiJobStore(TestPostgres.dataSource(), "timeout_jobs", "timeout", true,
                Duration.ofSeconds(1));
        store.remove(List.of("a"));
        store.add(List.of("a"), Instant.now());
        ClaimedJob job = store.claim("node", 10, Duration.ofMinutes(5)).get(0);

        try (Connection locker = TestPostgres.dataSource().getConnection()) {
            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement(
                    "SELECT 1 FROM timeout_jobs WHERE label = 'timeout' AND job_id = 'a' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            // without the timeout the completion would wait for as long as the other transaction stays open
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(() -> store.complete(job))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("timeout_jobs"));
            locker.rollback();
        }

        assertThat(store.complete(job)).isTrue();
    }
}
