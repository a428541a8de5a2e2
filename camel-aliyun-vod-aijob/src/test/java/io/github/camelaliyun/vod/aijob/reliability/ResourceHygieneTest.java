package io.github.camelaliyun.vod.aijob.reliability;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** 100 start/stop cycles of a context with a producer and a consumer: no thread, connection or file left behind. */
class ResourceHygieneTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void hundredCyclesLeaveNothingBehind() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("cycle-job").neverFinishes().build());
        Path store = dir.resolve("cycles.jobs");
        cycle(store); // the first cycle loads classes and starts what a JVM keeps anyway
        long fdsBefore = openFiles();
        for (int i = 0; i < 100; i++) {
            cycle(store);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ourThreads().isEmpty());
        long fdsAfter = openFiles();
        System.out.printf("ResourceHygieneTest: 100 cycles, open files %d -> %d, our threads left %s%n", fdsBefore,
                fdsAfter, ourThreads());
        assertThat(fdsAfter - fdsBefore).as("file descriptors leaked").isLessThan(10);
        FileAiJobStore.open(store).close(); // the lock was released
    }

    private static void cycle(Path store) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    String options = "?endpoint=" + VOD.emulator().url() + "&accessKeyId="
                                     + VodEmulator.DEMO_ACCESS_KEY_ID + "&secretKey="
                                     + VodEmulator.DEMO_ACCESS_KEY_SECRET + "&jobStoreFile=" + store;
                    from("direct:in").to("aivod-aijob:cycle" + options + "&operation=track");
                    from("aivod-aijob:cycle" + options + "&delay=10&initialDelay=0").to("log:cycle?level=OFF");
                }
            });
            camel.start();
            camel.createProducerTemplate().requestBody("aivod-aijob:cycle?operation=listAiJobs&endpoint="
                                                       + VOD.emulator().url() + "&accessKeyId="
                                                       + VodEmulator.DEMO_ACCESS_KEY_ID + "&secretKey="
                                                       + VodEmulator.DEMO_ACCESS_KEY_SECRET, "cycle-job");
            camel.createProducerTemplate().sendBody("direct:in", "cycle-job");
            Thread.sleep(20);
        }
    }

    /** Threads of this component (HTTP I/O, retries, producer pool) and of Camel contexts. */
    private static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("aivod-aijob") || n.startsWith("Camel (")).toList();
    }

    private static long openFiles() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? 0 : fds.length;
    }
}
