package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.PendingJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The file store across a stop and a new Camel context on the same file. */
class FileStoreRestartTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void newContextOnTheSameFileWatchesWhatWasLeftAndNothingTwice() throws Exception {
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> "d" + i).toList();
        for (int i = 0; i < ids.size(); i++) {
            VOD.emulator().addJob(EmulatedJob.builder(ids.get(i))
                    .finishAfter(Duration.ofMillis(i < 20 ? 0 : i < 40 ? 2500 : 4000)).build());
        }
        Path file = dir.resolve("durable.jobs");
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());

        try (CamelContext camel = watching(file, first)) {
            camel.start();
            // the producer endpoint does not repeat jobStoreFile: it joins the store its label already has
            camel.createProducerTemplate().sendBody("aivod-aijob:durable?operation=track", ids);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.size() >= 20);
        }
        assertThat(first).containsExactlyInAnyOrderElementsOf(ids.subList(0, 20));

        try (CamelContext camel = watching(file, second)) {
            camel.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> second.size() >= 40);
        }
        Set<String> both = new HashSet<>(first);
        both.retainAll(second);
        assertThat(both).as("delivered twice").isEmpty();
        assertThat(second).containsExactlyInAnyOrderElementsOf(ids.subList(20, 60));
    }

    @Test
    void jobIdsAreAddedOnceSoARestartDoesNotDeliverThemAgain() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("seed-done").build());
        VOD.emulator().addJob(EmulatedJob.builder("seed-later").neverFinishes().build());
        Path file = dir.resolve("seeded.jobs");
        String uri = "aivod-aijob:seeded?delay=100&initialDelay=0&jobIds=seed-done,seed-later&jobStoreFile=" + file;
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        List<String> second = Collections.synchronizedList(new ArrayList<>());

        try (CamelContext camel = consuming(uri, first)) {
            camel.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.size() == 1);
        }
        try (CamelContext camel = consuming(uri, second)) {
            camel.start();
            VodAiJobEndpoint endpoint = camel.getEndpoint("aivod-aijob:seeded", VodAiJobEndpoint.class);
            // several polls of the restarted consumer
            long calls = VOD.emulator().stats().calls("ListAIJob");
            await().atMost(Duration.ofSeconds(10)).until(() -> VOD.emulator().stats().calls("ListAIJob") >= calls + 3);
            assertThat(endpoint.getJobStore().size()).as("still watched").isEqualTo(1);
        }
        assertThat(first).containsExactly("seed-done");
        assertThat(second).as("delivered again after the restart").isEmpty();
    }

    @Test
    void aComponentLevelFileWithTheLabelPlaceholderGivesEachLabelItsOwnFile() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator()).getConfiguration()
                    .setJobStoreFile(dir.resolve("jobs-{label}.log").toString());
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:alpha?operation=track", "a1 a2");
            camel.createProducerTemplate().sendBody("aivod-aijob:beta?operation=track", "b1");
            // on an endpoint too: Camel keeps the braces of a URI option
            camel.createProducerTemplate().sendBody("aivod-aijob:gamma?operation=track&jobStoreFile="
                                                    + dir.resolve("other-{label}.log"), "g1");
        }
        try (FileAiJobStore alpha = FileAiJobStore.open(dir.resolve("jobs-alpha.log"));
             FileAiJobStore beta = FileAiJobStore.open(dir.resolve("jobs-beta.log"));
             FileAiJobStore gamma = FileAiJobStore.open(dir.resolve("other-gamma.log"))) {
            assertThat(alpha.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("a1", "a2");
            assertThat(beta.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("b1");
            assertThat(gamma.pending(0, 10)).extracting(PendingJob::jobId).containsExactly("g1");
        }
    }

    @Test
    void secondContextOnTheSameFileIsRefusedClearly() throws Exception {
        Path file = dir.resolve("shared.jobs");
        try (CamelContext one = watching(file, new ArrayList<>()); CamelContext two = watching(file, new ArrayList<>())) {
            one.start();
            assertThatThrownBy(two::start)
                    .hasStackTraceContaining("is already open in another Camel context (in this JVM or another process)");
        }
    }

    @Test
    void oneLabelWithTwoFilesOrOneFileForTwoLabelsIsRefused() throws Exception {
        try (CamelContext camel = watching(dir.resolve("a.jobs"), new ArrayList<>())) {
            camel.start();
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:durable?jobStoreFile=" + dir.resolve("b.jobs")))
                    .hasStackTraceContaining("Endpoints with the label 'durable' share one job store, but they name"
                                             + " different jobStoreFile values");
            assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:other?jobStoreFile=" + dir.resolve("a.jobs")))
                    .hasStackTraceContaining("The labels 'durable' and 'other' both name the jobStoreFile");
        }
    }

    private static CamelContext consuming(String uri, List<String> into) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> into.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        });
        return camel;
    }

    private static CamelContext watching(Path file, List<String> into) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:durable?delay=100&initialDelay=0&jobStoreFile=" + file)
                        .process(e -> into.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class)));
            }
        });
        return camel;
    }
}
