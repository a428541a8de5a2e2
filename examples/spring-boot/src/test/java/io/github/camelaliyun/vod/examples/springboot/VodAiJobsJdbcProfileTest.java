package io.github.camelaliyun.vod.examples.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with the {@code jdbc} profile, against the VOD emulator and a real PostgreSQL started here: the
 * routes' pending jobs live in the table on the DataSource that Spring Boot builds from {@code spring.datasource.*}.
 * The context is closed after the class (DirtiesContext), before the JVM's end stops PostgreSQL and the emulator, so
 * that the consumer never polls a stopped database.
 */
@SpringBootTest
@ActiveProfiles("jdbc")
@DirtiesContext
class VodAiJobsJdbcProfileTest {

    static final VodEmulator EMULATOR = VodEmulator.start()
            // long enough to see the jobs wait in the table before they finish
            .onSubmit((jobId, mediaId, type) -> EmulatedJob.builder(jobId).mediaId(mediaId).type(type)
                    .processingAfter(Duration.ofMillis(200)).finishAfter(Duration.ofSeconds(4)).build());
    static final EmbeddedPostgres POSTGRES = startPostgres();

    private static EmbeddedPostgres startPostgres() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM ends anyway
                }
                EMULATOR.close();
            }, "stop-test-postgres"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL for the test", e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("vod.endpoint", EMULATOR::url);
        registry.add("vod.access-key-id", () -> VodEmulator.DEMO_ACCESS_KEY_ID);
        registry.add("vod.secret-key", () -> VodEmulator.DEMO_ACCESS_KEY_SECRET);
        registry.add("example.media-ids", () -> "jdbc-video-1,jdbc-video-2");
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Autowired
    FinishedJobs finishedJobs;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;

    @Test
    void pendingJobsLiveInTheTableUntilDelivered() {
        // the profile gave the component Boot's DataSource (a HikariCP pool), not a store of its own
        assertThat(camel.getComponent("aivod-aijob", VodAiJobComponent.class).getConfiguration().getDataSource())
                .isSameAs(dataSource);
        assertThat(dataSource.getClass().getName()).isEqualTo("com.zaxxer.hikari.HikariDataSource");

        // two videos, two job types each: four rows of the label while the jobs run
        await().atMost(Duration.ofSeconds(15)).until(() -> pendingRows() == 4);
        assertThat(finishedJobs.all()).isEmpty();

        await().atMost(Duration.ofSeconds(20)).until(() -> finishedJobs.all().size() == 4);
        assertThat(finishedJobs.all()).extracting(AiJob::getMediaId).containsOnly("jdbc-video-1", "jdbc-video-2");
        assertThat(finishedJobs.all()).extracting(AiJob::getType).containsOnly("AIMediaDNA", "AIVideoTag");
        // each row goes once its exchange succeeded
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingRows() == 0);
    }

    private int pendingRows() {
        // the store creates the table when its route starts; -1 until then
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Boolean exists = jdbc.queryForObject("SELECT to_regclass('aivod_aijob_pending') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return -1;
        }
        return jdbc.queryForObject("SELECT count(*) FROM aivod_aijob_pending WHERE label = 'vod-jobs'", Integer.class);
    }
}
