package io.github.camelaliyun.vod.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ScheduledPollConsumer;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/** The consumer with many pending jobs: calls and time per poll, heap per pending job, reopening the file store. */
final class ConsumerBenchmark {

    private final VodEmulator emulator;
    private final BenchSettings settings;

    ConsumerBenchmark(VodEmulator emulator, BenchSettings settings) {
        this.emulator = emulator;
        this.settings = settings;
    }

    /** Two polls over {@code pendingJobs}, of which a share has finished: calls per poll and time per poll. */
    Map<String, Object> polls() throws Exception {
        List<String> ids = jobIds("poll-", settings.pendingJobs());
        for (int i = 0; i < ids.size(); i++) {
            EmulatedJob.Builder job = EmulatedJob.builder(ids.get(i));
            if (i % 100 >= settings.finishedPercent()) {
                job.neverFinishes();
            }
            emulator.addJob(job.build());
        }
        AtomicInteger delivered = new AtomicInteger();
        Map<String, Object> out = new LinkedHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            component.getConfiguration().setEndpoint(emulator.url());
            component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
            component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // maxCheckInterval=0: every poll asks about every pending job, the worst case this measures
                    from("aivod-aijob:cbench?startScheduler=false&maxCheckInterval=0").routeId("cbench")
                            .process(e -> delivered.incrementAndGet());
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("aivod-aijob:cbench?operation=track", ids);
            ScheduledPollConsumer consumer = (ScheduledPollConsumer) camel.getRoute("cbench").getConsumer();
            List<Map<String, Object>> polls = new ArrayList<>();
            int pending = ids.size();
            for (int poll = 1; poll <= 2; poll++) {
                long calls = emulator.stats().calls(VodEmulator.ACTION_LIST_AI_JOB);
                long start = System.nanoTime();
                consumer.run();
                long nanos = System.nanoTime() - start;
                long made = emulator.stats().calls(VodEmulator.ACTION_LIST_AI_JOB) - calls;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("pending", pending);
                p.put("calls", made);
                p.put("expectedCalls", (pending + 9) / 10);
                p.put("millis", nanos / 1_000_000);
                polls.add(p);
                while (delivered.get() < ids.size() * settings.finishedPercent() / 100) {
                    Thread.sleep(10); // exchanges complete asynchronously; the next poll sees the store without them
                }
                pending = ids.size() - delivered.get();
            }
            out.put("polls", polls);
        }
        return out;
    }

    /** Heap retained per pending job in the memory store, measured after GC with the store filled and emptied. */
    double heapBytesPerPendingJob() {
        List<String> ids = jobIds("heap-", settings.pendingJobs());
        MemoryAiJobStore store = new MemoryAiJobStore();
        long empty = usedAfterGc();
        store.add(ids, Instant.now());
        long filled = usedAfterGc();
        if (store.size() != ids.size()) {
            throw new IllegalStateException("store holds " + store.size());
        }
        // the ids themselves exist anyway (they came from a message); count only what the store adds to them
        return (double) (filled - empty) / ids.size();
    }

    /** Reopening a file store holding {@code pendingJobs}: time and file size. */
    Map<String, Object> fileStoreReopen(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("reopen.jobs");
        Files.deleteIfExists(file);
        List<String> ids = jobIds("file-", settings.pendingJobs());
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            for (int from = 0; from < ids.size(); from += 1000) {
                store.add(ids.subList(from, Math.min(ids.size(), from + 1000)), Instant.now());
            }
        }
        long start = System.nanoTime();
        int size;
        try (FileAiJobStore store = FileAiJobStore.open(file)) {
            size = store.size();
        }
        long nanos = System.nanoTime() - start;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", size);
        out.put("reopenMillis", nanos / 1_000_000.0);
        out.put("fileBytes", Files.size(file));
        return out;
    }

    private static List<String> jobIds(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // 32 characters, as real job ids have
            ids.add(String.format("%s%0" + (32 - prefix.length()) + "d", prefix, i));
        }
        return ids;
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
