package io.github.camelaliyun.vod.aijob.reliability;

import java.io.File;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 50 start/stop cycles of a consumer reading an MNS event queue, each stopped in the middle of a long poll: the stop
 * is prompt (it does not wait for the poll's end), and no thread or connection is left behind. The emulator, in this
 * JVM, holds its side of each abandoned poll until the poll's wait ends: the files are counted after that.
 */
class EventQueueHygieneTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final int WAIT_SECONDS = 5;

    @Test
    void fiftyCyclesStopTheirLongPollsAndLeaveNothingBehind() throws Exception {
        try (MnsEmulator mns = MnsEmulator.start()) {
            mns.createQueue("hygiene", Duration.ofSeconds(30));
            cycle(mns); // the first cycle loads classes and starts what a JVM keeps anyway
            long fdsBefore = openFiles();
            long slowest = 0;
            for (int i = 0; i < 50; i++) {
                slowest = Math.max(slowest, cycle(mns));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ourThreads().isEmpty());
            Thread.sleep(WAIT_SECONDS * 1000L + 1000); // the emulator's side of the last abandoned polls
            long fdsAfter = openFiles();
            System.out.printf("EventQueueHygieneTest: 50 cycles, open files %d -> %d, slowest stop %d ms%n",
                    fdsBefore, fdsAfter, slowest);
            assertThat(fdsAfter - fdsBefore).as("file descriptors leaked").isLessThan(10);
            assertThat(slowest).as("ms to stop a context whose consumer is in a long poll").isLessThan(WAIT_SECONDS * 1000L);
            assertThat(mns.count("receives")).as("long polls answered").isPositive();
        }
    }

    /** Starts a context whose consumer reads the queue, lets it enter a long poll, stops it; answers the stop's ms. */
    private static long cycle(MnsEmulator mns) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:hygiene?eventQueueWaitSeconds=" + WAIT_SECONDS + "&eventQueue=hygiene"
                     + "&eventQueueEndpoint=" + mns.url())
                        .to("log:hygiene?level=OFF");
            }
        });
        camel.start();
        Thread.sleep(50);
        long started = System.nanoTime();
        camel.close();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("aivod-aijob") || n.startsWith("Camel (")).toList();
    }

    private static long openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
