package io.github.camelaliyun.vod.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.EventCallbacks;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The check schedule's comparison, one workload run three ways: (a) every job on every poll, every 5 s; (b) the per-job check
 * schedule (the defaults); (c) VOD's event callbacks with 20% of the events dropped, the schedule (sparse) as the
 * safety net. A day compressed: {@code --jobs} jobs (2,000) arrive evenly over {@code --arrivals} seconds (600) and run
 * for log-uniform 2 s to 10 minutes, every time divided by {@code --scale} (20: about a minute a contender).
 * Reported per contender: ListAIJob calls per delivered job and the delivery lag after the job finished (p50, p99,
 * max), in the workload's own time (measured times multiplied by the scale), and the share of jobs whose lag is within
 * the larger of 5 s and 10% of their run time. {@code --custom=name;options;dropShare} runs one more contender
 * (durations in workload milliseconds; drop share -1: no callbacks). {@code --contenders=de} runs the two event paths
 * with the default delay: (d) VOD's events through an MNS queue that the consumer reads, (e) HTTP events, none
 * dropped, each waking the consumer; for (d) the MNS calls (receives and deletes) per job too. The emulator runs in this JVM. Run:
 * {@code ./mvnw -q -DskipTests install && ./mvnw -q -pl benchmarks exec:exec
 * -Dbench.main=io.github.camelaliyun.vod.benchmarks.ScheduleBenchmark [-Dbench.args="--arrivals=120"]}.
 */
public final class ScheduleBenchmark {

    private static final String KEY = "BenchAuthKey2026";

    private ScheduleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = 2000;
        int scale = 20;
        int arrivalSeconds = 600;
        String contenders = "abc";
        String custom = null;
        for (String arg : args) {
            if (arg.startsWith("--contenders=")) {
                contenders = arg.substring(13);
            }
            if (arg.startsWith("--custom=")) {
                custom = arg.substring(9);
            }
            if (arg.startsWith("--jobs=")) {
                jobs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--scale=")) {
                scale = Integer.parseInt(arg.substring(8));
            } else if (arg.startsWith("--arrivals=")) {
                arrivalSeconds = Integer.parseInt(arg.substring(11));
            }
        }
        Random random = new Random(15);
        double[] runSeconds = new double[jobs];
        for (int i = 0; i < jobs; i++) {
            runSeconds[i] = Math.exp(Math.log(2) + random.nextDouble() * (Math.log(600) - Math.log(2)));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Check schedule benchmark: %d cores, Java %s; %d jobs arriving over %d s,"
                                              + " running 2 s..10 min log-uniform; time compressed %dx (times below"
                                              + " in workload time)%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), jobs, arrivalSeconds, scale));
        out.append("| contender | ListAIJob calls | calls per job | MNS calls per job | delivered | lag p50 s |"
                   + " lag p99 s | lag max s | within max(5 s, 10%) |\n|---|---|---|---|---|---|---|---|---|\n");
        long d = 5000 / scale;
        if (contenders.contains("a")) {
            out.append(run("(a) every job every poll, delay 5 s", "delay=" + d + "&maxCheckInterval=0", -1,
                    runSeconds, arrivalSeconds, scale));
        }
        if (contenders.contains("b")) {
            out.append(run("(b) check schedule (defaults), delay 5 s", "delay=" + d + "&maxCheckInterval="
                           + 120_000 / scale, -1, runSeconds, arrivalSeconds, scale));
        }
        if (contenders.contains("c")) {
            // events first; the schedule is the safety net for the lost ones, so its checks can be sparse
            out.append(run("(c) callbacks (20% dropped) + schedule, delay 1 s, checks 60 s..10 min", "delay="
                           + 1000 / scale + "&minCheckInterval=" + 60_000 / scale + "&maxCheckInterval="
                           + 600_000 / scale, 0.2, runSeconds, arrivalSeconds, scale));
        }
        if (contenders.contains("d")) {
            // VOD's events through an MNS queue, read by the consumer itself: none lost, the default delay
            out.append(run("(d) MNS queue events + schedule, delay 5 s, checks 60 s..10 min", "delay=" + d
                           + "&minCheckInterval=" + 60_000 / scale + "&maxCheckInterval=" + 600_000 / scale, -2,
                    runSeconds, arrivalSeconds, scale));
        }
        if (contenders.contains("e")) {
            // HTTP events, none dropped, with the default delay: the event wakes the consumer, delay does not matter
            out.append(run("(e) HTTP events (none dropped) + wake-up, delay 5 s, checks 60 s..10 min", "delay=" + d
                           + "&minCheckInterval=" + 60_000 / scale + "&maxCheckInterval=" + 600_000 / scale, 0,
                    runSeconds, arrivalSeconds, scale));
        }
        if (custom != null) {
            // name;options in workload milliseconds (delay, min, max);drop share (-1: no callbacks)
            String[] parts = custom.split(";");
            out.append(run(parts[0], scaled(parts[1], scale), Double.parseDouble(parts[2]), runSeconds,
                    arrivalSeconds, scale));
        }
        System.out.println(out);
        Path dir = Path.of("target", "benchmarks");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("schedule.md"), out.toString(), StandardCharsets.UTF_8);
    }

    private static String run(String name, String options, double dropShare, double[] runSeconds, int arrivalSeconds,
            int scale)
            throws Exception {
        int jobs = runSeconds.length;
        Map<String, Long> finishesAt = new ConcurrentHashMap<>();
        Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        Map<String, Double> runOf = new HashMap<>();
        boolean queue = dropShare == -2;
        try (VodEmulator emulator = VodEmulator.start(); MnsEmulator mns = MnsEmulator.start();
             CamelContext camel = new DefaultCamelContext()) {
            String queueOptions = "";
            if (queue) {
                mns.createQueue("sbench-events", Duration.ofSeconds(30));
                emulator.eventsToQueue(mns, "sbench-events");
                queueOptions = "&eventQueue=sbench-events&eventQueueEndpoint=" + mns.url();
            }
            String consumerOptions = options + queueOptions;
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            component.getConfiguration().setEndpoint(emulator.url());
            component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
            component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:sbench?initialDelay=0&" + consumerOptions)
                            .process(e -> deliveredAt.putIfAbsent(e.getMessage().getHeader("CamelAliyunVodAiJobId",
                                    String.class), System.nanoTime()));
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            HttpServer receiver = null;
            if (dropShare >= 0) {
                receiver = eventReceiver(template);
                emulator.callbacks(EventCallbacks.to("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events",
                        KEY).withDropShare(dropShare));
            }
            ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
            long arrivalSpacingNanos = arrivalSeconds * 1_000_000_000L / scale / jobs;
            long start = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                String id = String.format("sched-%026d", i);
                long runNanos = (long) (runSeconds[i] * 1e9 / scale);
                runOf.put(id, runSeconds[i]);
                arrivals.schedule(() -> {
                    finishesAt.put(id, System.nanoTime() + runNanos);
                    emulator.addJob(EmulatedJob.builder(id).finishAfter(Duration.ofNanos(runNanos)).build());
                    template.sendBody("aivod-aijob:sbench?operation=track", id);
                }, start + i * arrivalSpacingNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            long deadline = start + (arrivalSeconds + 600) * 1_000_000_000L / scale * 2;
            while (deliveredAt.size() < jobs && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            arrivals.shutdownNow();
            if (receiver != null) {
                receiver.stop(0);
                // the server leaves its executor running, and its threads would keep this JVM alive
                ((ExecutorService) receiver.getExecutor()).shutdownNow();
            }
            long calls = emulator.stats().calls(VodEmulator.ACTION_LIST_AI_JOB);
            long mnsCalls = mns.count("receives") + mns.count("deletes") + mns.count("throttled");
            List<Double> lags = new ArrayList<>();
            int withinTarget = 0;
            for (Map.Entry<String, Long> delivered : deliveredAt.entrySet()) {
                double lag = Math.max(0, (delivered.getValue() - finishesAt.get(delivered.getKey())) / 1e9 * scale);
                lags.add(lag);
                if (lag <= Math.max(5, 0.1 * runOf.get(delivered.getKey()))) {
                    withinTarget++;
                }
            }
            lags.sort(Double::compare);
            return String.format(Locale.ROOT, "| %s | %d | %.2f | %s | %d / %d | %.1f | %.1f | %.1f | %.1f%% |%n", name,
                    calls, (double) calls / Math.max(1, deliveredAt.size()), queue ? String.format(Locale.ROOT, "%.2f",
                            (double) mnsCalls / Math.max(1, deliveredAt.size())) : "-", deliveredAt.size(), jobs,
                    pct(lags, 0.5),
                    pct(lags, 0.99), lags.isEmpty() ? 0 : lags.get(lags.size() - 1),
                    100.0 * withinTarget / Math.max(1, deliveredAt.size()));
        }
    }

    /** A loopback HTTP server standing in for the route's HTTP consumer: each POST goes to operation=vodEvent. */
    private static HttpServer eventReceiver(ProducerTemplate template) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/events", http -> {
            byte[] body = http.getRequestBody().readAllBytes();
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
            Exchange reply = template.request("aivod-aijob:sbench?operation=vodEvent&callbackUrl=RAW(" + url
                                              + ")&authKey=RAW(" + KEY + ")", e -> {
                                                  e.getMessage().setHeader("X-VOD-TIMESTAMP",
                                                          http.getRequestHeaders().getFirst("X-VOD-TIMESTAMP"));
                                                  e.getMessage().setHeader("X-VOD-SIGNATURE",
                                                          http.getRequestHeaders().getFirst("X-VOD-SIGNATURE"));
                                                  e.getMessage().setBody(body);
                                              });
            Integer status = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            http.sendResponseHeaders(status == null ? 500 : status, -1);
            http.close();
        });
        server.start();
        return server;
    }

    /** Options whose durations (delay, minCheckInterval, maxCheckInterval) are in workload ms, divided by scale. */
    private static String scaled(String options, int scale) {
        StringBuilder out = new StringBuilder();
        for (String option : options.split("&")) {
            String[] kv = option.split("=", 2);
            boolean duration = kv[0].equals("delay") || kv[0].endsWith("CheckInterval");
            out.append(out.length() == 0 ? "" : "&").append(kv[0]).append('=')
                    .append(duration ? String.valueOf(Long.parseLong(kv[1]) / scale) : kv[1]);
        }
        return out.toString();
    }

    private static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
