package io.github.camelaliyun.vod.aijob;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node that reads the event queue is killed (SIGKILL) between its receive and its delete: the MNS emulator holds
 * the delete unanswered, the child JVM is killed, and a new node on the same file store reads the queue. The message
 * comes back after the visibility timeout, and the job is delivered once in all.
 */
class EventQueueCrashTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void aNodeKilledBeforeItsDeleteLeavesTheMessageAndTheJobIsDeliveredOnce() throws Exception {
        Path store = dir.resolve("crash.jobs");
        Path delivered = dir.resolve("delivered.txt");
        try (MnsEmulator mns = MnsEmulator.start()) {
            mns.createQueue("crash-events", Duration.ofSeconds(3));
            VOD.emulator().eventsToQueue(mns, "crash-events");
            VOD.emulator().addJob(EmulatedJob.builder("crash-1").finishAfter(Duration.ofSeconds(2)).succeeds()
                    .build());
            mns.holdDeletes(true);
            Process node = startChild(mns, store, delivered);
            try {
                // the node received the event, recorded it and delivered the job; its delete hangs
                await().atMost(Duration.ofSeconds(30)).until(() -> mns.count("heldDeletes") >= 1
                                                                   && lines(delivered).contains("crash-1"));
                Thread.sleep(500); // the job's completion written to the store
            } finally {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
            long killedAt = System.currentTimeMillis();
            mns.holdDeletes(false);
            assertThat(mns.messages("crash-events")).as("not deleted").isEqualTo(1);

            List<String> again = new CopyOnWriteArrayList<>();
            try (CamelContext camel = new DefaultCamelContext()) {
                EmulatedService.pointAt(camel, VOD.emulator());
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("aivod-aijob:crash?minCheckInterval=60s&maxCheckInterval=60s&eventQueueWaitSeconds=5"
                             + "&eventQueueEndpoint=" + mns.url() + "&eventQueue=crash-events&jobStoreFile=" + store)
                                .process(e -> again.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID,
                                        String.class)));
                    }
                });
                camel.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> mns.messages("crash-events") == 0);
                long backAfter = System.currentTimeMillis() - killedAt;
                Thread.sleep(1000); // a delivery would show now
                System.out.printf("EventQueueCrashTest: message back and deleted %d ms after the kill, received %d"
                                  + " times%n", backAfter, mns.count("received"));
                assertThat(mns.count("received")).as("by the killed node, then by the new one").isEqualTo(2);
                assertThat(again).as("delivered again").isEmpty();
                assertThat(lines(delivered)).containsExactly("crash-1");
            }
        }
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private Process startChild(MnsEmulator mns, Path store, Path delivered) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                QueueReadingNode.class.getName(), VOD.emulator().url(), mns.url(), "crash-events", store.toString(),
                delivered.toString(), "crash-1")
                .redirectErrorStream(true)
                .redirectOutput(new File(store + ".child.log"))
                .start();
    }
}
