package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.JdbcAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The dataSource option as a user writes it: the table is created, labels share it, conflicts are refused. */
class DataSourceOptionTest {

    /** The database the nodes share; a subclass runs the same on MariaDB. */
    TestDatabase database() {
        return TestPostgres.DATABASE;
    }

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void aComponentLevelDataSourceServesEveryLabelFromOneTable() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("ds-a").build());
        VOD.emulator().addJob(EmulatedJob.builder("ds-b").build());
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
            component.getConfiguration().setDataSource(database().dataSource());
            component.getConfiguration().setJobStoreTable("option_jobs");
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:a?delay=50").to("mock:a");
                    from("aivod-aijob:b?delay=50").to("mock:b");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:a?operation=track", "ds-a");
            camel.createProducerTemplate().sendBody("aivod-aijob:b?operation=track", "ds-b");

            JdbcAiJobStore a = new JdbcAiJobStore(database().dataSource(), "option_jobs", "a", false);
            JdbcAiJobStore b = new JdbcAiJobStore(database().dataSource(), "option_jobs", "b", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.size() == 0 && b.size() == 0);
            assertThat(camel.getEndpoint("aivod-aijob:a", VodAiJobEndpoint.class).getJobStore())
                    .isInstanceOf(JdbcAiJobStore.class);
        }
        // the component did not close the application's DataSource
        assertThat(new JdbcAiJobStore(database().dataSource(), "option_jobs", "a", false).size()).isZero();
    }

    @Test
    void conflictingStoresForOneLabelAreRefusedAtEndpointCreation() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("ds", database().dataSource());
            camel.start();
            camel.getEndpoint("aivod-aijob:x?dataSource=#ds");

            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:y?dataSource=#ds&jobStoreFile=" + dir.resolve("y")))
                    .hasStackTraceContaining("names more than one job store");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:x?dataSource=#ds&jobStoreTable=other&operation=track"))
                    .hasStackTraceContaining("Endpoints with the label 'x' share one job store")
                    .hasStackTraceContaining("same dataSource and jobStoreTable");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:x?operation=track&jobStoreFile=" + dir.resolve("x")))
                    .hasStackTraceContaining("one names the jobStoreFile");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:z?dataSource=#ds&jobStoreTable=bad-name"))
                    .hasStackTraceContaining("Invalid jobStoreTable 'bad-name'");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:z?dataSource=#ds&leaseDuration=0"))
                    .hasStackTraceContaining("Invalid leaseDuration 0");
            // a lease too short for any claim to reach the route: every job would lapse before its turn
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:z?dataSource=#ds&leaseDuration=1"))
                    .hasStackTraceContaining("Invalid leaseDuration 1: must be at least 100 milliseconds");
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheRouteStartNamingTheTableAndTheCause() throws Exception {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setServerNames(new String[] { "127.0.0.1" });
        nowhere.setPortNumbers(new int[] { 1 });
        nowhere.setUser("app");
        nowhere.setPassword("s3cret-password");
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("ds", nowhere);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:down?dataSource=#ds").to("mock:down");
                }
            });

            assertThatThrownBy(camel::start).hasStackTraceContaining("The job store table aivod_aijob_pending")
                    .hasStackTraceContaining("SQLState 08001")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("s3cret-password"));
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
