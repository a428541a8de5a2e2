package io.github.camelaliyun.vod.emulator;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Posts the event of each finished job to the {@link EventCallbacks} set when the job was added. */
final class EventSender implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Instant> clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "vod-emulator-events");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();

    EventSender(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Schedules the event of a job added now, when it finishes (a job that never finishes sends none). */
    void jobAdded(EmulatedJob job, Instant created, EventCallbacks callbacks) {
        Instant completion = job.completionTime(created);
        if (callbacks == null || completion == null) {
            return;
        }
        if (ThreadLocalRandom.current().nextDouble() < callbacks.dropShare()) {
            dropped.incrementAndGet();
            return;
        }
        long at = Math.max(0, Duration.between(clock.get(), completion.plus(callbacks.delay())).toMillis());
        long current = generation.get();
        for (int copy = 0; copy < callbacks.copies(); copy++) {
            scheduler.schedule(() -> send(job, completion, callbacks, current, 1), at + copy * 50L,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Schedules the event of a job added now, written into an MNS queue when the job finishes: VOD's MNS callback
     * (tried 3 times, then dropped, when the queue does not exist).
     */
    void jobAddedToQueue(EmulatedJob job, Instant created, MnsEmulator mns, String queue) {
        Instant completion = job.completionTime(created);
        if (completion == null) {
            return;
        }
        long at = Math.max(0, Duration.between(clock.get(), completion).toMillis());
        long current = generation.get();
        scheduler.schedule(() -> {
            if (current == generation.get() && mns.send(queue, body(job, completion)) != null) {
                queued.incrementAndGet();
            }
        }, at, TimeUnit.MILLISECONDS);
    }

    /** Events written into an MNS queue. */
    long queued() {
        return queued.get();
    }

    private void send(EmulatedJob job, Instant completion, EventCallbacks callbacks, long sentGeneration, int attempt) {
        if (sentGeneration != generation.get()) {
            return; // the emulator was reset meanwhile
        }
        String timestamp = String.valueOf(clock.get().getEpochSecond());
        String key = callbacks.wrongKey() ? callbacks.authKey() + "-wrong" : callbacks.authKey();
        HttpRequest request = HttpRequest.newBuilder(callbacks.url())
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-VOD-TIMESTAMP", timestamp)
                .header("X-VOD-SIGNATURE", sign(callbacks.url().toString(), timestamp, key))
                .POST(HttpRequest.BodyPublishers.ofString(body(job, completion)))
                .build();
        int status;
        try {
            posted.incrementAndGet();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status != 200 && attempt < callbacks.tries()) {
            scheduler.schedule(() -> send(job, completion, callbacks, sentGeneration, attempt + 1), 1,
                    TimeUnit.SECONDS);
        }
    }

    /** The body VOD posts for a finished AI job. */
    static String body(EmulatedJob job, Instant completion) {
        ObjectNode event = JSON.createObjectNode();
        event.put("EventTime", completion.toString());
        event.put("EventType", eventType(job));
        event.put("JobId", job.jobId());
        event.put("MediaId", job.mediaId());
        event.put("Status", job.fails() ? "fail" : "success");
        if (job.fails()) {
            event.put("Code", job.failCode());
            event.put("Message", job.failMessage());
        } else {
            event.put("Data", job.data());
        }
        return event.toString();
    }

    /** The type of the event a finished job sends. */
    static String eventType(EmulatedJob job) {
        return EmulatedJob.TYPE_MEDIA_DNA.equals(job.type()) ? "AIMediaDNAComplete" : "AIVideoTagComplete";
    }

    static String sign(String url, String timestamp, String authKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((url + "|" + timestamp + "|" + authKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Events drawn as dropped (never sent). */
    long dropped() {
        return dropped.get();
    }

    /** POSTs made, retries and copies included. */
    long posted() {
        return posted.get();
    }

    /** How many POSTs got this status (-1: no answer). */
    long answered(int status) {
        AtomicLong n = answers.get(status);
        return n == null ? 0 : n.get();
    }

    /** Forgets the counters; events scheduled before are not sent. */
    void reset() {
        generation.incrementAndGet();
        dropped.set(0);
        posted.set(0);
        queued.set(0);
        answers.clear();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
