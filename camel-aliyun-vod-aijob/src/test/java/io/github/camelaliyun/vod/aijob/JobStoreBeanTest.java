package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A jobStore bean named on one endpoint is the store of its whole label, as jobStoreFile is. */
class JobStoreBeanTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void aBeanOnTheConsumerOnlyIsAlsoWhereTrackAddsJobs() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build()).addJob(EmulatedJob.builder("job-2").build());
        MemoryAiJobStore bean = new MemoryAiJobStore();
        List<String> delivered = Collections.synchronizedList(new ArrayList<>());
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("myStore", bean);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:track").to("aivod-aijob:bean?operation=track");
                    from("aivod-aijob:bean?jobStore=#myStore&delay=100&initialDelay=0")
                            .process(e -> delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
                }
            });
            camel.start();

            @SuppressWarnings("unchecked")
            List<String> tracked = camel.createProducerTemplate().requestBody("direct:track", "job-1 job-2", List.class);

            assertThat(tracked).containsExactly("job-1", "job-2");
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.size() == 2);
            assertThat(delivered).containsExactlyInAnyOrder("job-1", "job-2");
            await().atMost(Duration.ofSeconds(5)).until(() -> bean.size() == 0);
        }
    }

    @Test
    void twoBeansOrABeanAndAFileForOneLabelAreRefusedAtEndpointCreation() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.getRegistry().bind("one", new MemoryAiJobStore());
            camel.getRegistry().bind("two", new MemoryAiJobStore());
            camel.start();
            camel.getEndpoint("aivod-aijob:a?jobStore=#one");

            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:a?jobStore=#two&operation=track"))
                    .hasStackTraceContaining("Endpoints with the label 'a' share one job store, but they name"
                                             + " different jobStore beans");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:a?operation=track&jobStoreFile=" + dir.resolve("a.jobs")))
                    .hasStackTraceContaining("Endpoints with the label 'a' share one job store, but one names a"
                                             + " jobStore bean and another the jobStoreFile");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:b?jobStore=#one"))
                    .hasStackTraceContaining("The labels 'a' and 'b' both name the same jobStore bean");
            camel.getEndpoint("aivod-aijob:f?jobStoreFile=" + dir.resolve("f.jobs"));
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:f?jobStore=#two"))
                    .hasStackTraceContaining("Endpoints with the label 'f' share one job store, but one names a"
                                             + " jobStore bean and another the jobStoreFile");
            // the same bean again on the same label is fine
            assertThat(camel.getEndpoint("aivod-aijob:a?jobStore=#one&operation=untrack")).isNotNull();
        }
    }
}
