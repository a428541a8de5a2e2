package io.github.camelaliyun.vod.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.vod.model.v20170321.ListAIJobRequest;
import com.aliyuncs.vod.model.v20170321.ListAIJobResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * Asks about the same unique ids, 10 per ListAIJob call, three ways: the official SDK as users write it, a bare loop
 * over our client (the practical limit without Camel), and our producer in a Camel route. The emulator runs in a JVM
 * of its own ({@link EmulatorProcess}), so that its work does not count against the contenders'.
 */
final class ProducerThroughput {

    private final EmulatorProcess emulator;
    private final List<String> ids;
    private final List<List<String>> batches = new ArrayList<>();

    ProducerThroughput(EmulatorProcess emulator, List<String> ids) {
        this.emulator = emulator;
        this.ids = ids;
        for (int from = 0; from < ids.size(); from += 10) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + 10)));
        }
    }

    /** The official SDK: DefaultAcsClient and ListAIJobRequest, in a loop (concurrency 1) or on a pool of threads. */
    ThroughputRow officialSdk(int latencyMs, int concurrency) throws Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai", VodEmulator.DEMO_ACCESS_KEY_ID,
                VodEmulator.DEMO_ACCESS_KEY_SECRET);
        DefaultProfile.addEndpoint("cn-shanghai", "vod", "127.0.0.1:" + emulator.port());
        IAcsClient client = new DefaultAcsClient(profile);
        AtomicLong found = new AtomicLong();
        emulator.reset(); // each measurement on the same fresh emulator
        long calls = calls();
        long start = System.nanoTime();
        if (concurrency == 1) {
            for (List<String> batch : batches) {
                found.addAndGet(sdkCall(client, batch).getAIJobList().size());
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (List<String> batch : batches) {
                    futures.add(pool.submit(() -> found.addAndGet(sdkCall(client, batch).getAIJobList().size())));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        long nanos = System.nanoTime() - start;
        client.shutdown();
        check(found.get());
        return new ThroughputRow(concurrency == 1 ? "official SDK, loop" : "official SDK, thread pool", latencyMs,
                concurrency, ids.size(), nanos, calls() - calls);
    }

    private static ListAIJobResponse sdkCall(IAcsClient client, List<String> batch) throws Exception {
        ListAIJobRequest request = new ListAIJobRequest();
        request.setJobIds(String.join(",", batch));
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    /** Our client with at most {@code concurrency} calls in flight: same HTTP client, signer and parser, no Camel. */
    ThroughputRow bareLoop(int latencyMs, int concurrency) throws Exception {
        try (VodHttpTransport transport = new VodHttpTransport(concurrency)) {
            HttpVodAiJobClient client = new HttpVodAiJobClient(VodAiJobClientSettings.builder()
                    .endpoint(emulator.uri())
                    .credentials(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID,
                            VodEmulator.DEMO_ACCESS_KEY_SECRET, null))
                    .build(), transport);
            Semaphore window = new Semaphore(concurrency);
            AtomicLong found = new AtomicLong();
            List<CompletableFuture<?>> calls = new ArrayList<>(batches.size());
            emulator.reset();
            long before = calls();
            long start = System.nanoTime();
            for (List<String> batch : batches) {
                window.acquire();
                calls.add(client.listAiJobsAsync(batch).whenComplete((result, error) -> {
                    window.release();
                    if (result != null) {
                        found.addAndGet(result.getJobs().size());
                    }
                }));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            long nanos = System.nanoTime() - start;
            check(found.get());
            return new ThroughputRow("bare loop, our client", latencyMs, concurrency, ids.size(), nanos,
                    calls() - before);
        }
    }

    /** Our producer: one exchange holding every id, through a ProducerTemplate. {@code null}: default settings. */
    ThroughputRow camelProducer(int latencyMs, Integer concurrency) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            component.getConfiguration().setEndpoint(emulator.url());
            component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
            component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
            camel.start();
            String uri = concurrency == null ? "aivod-aijob:bench" : "aivod-aijob:bench?maxConcurrentRequests=" + concurrency;
            ProducerTemplate template = camel.createProducerTemplate();
            template.requestBody(uri, ids.subList(0, Math.min(ids.size(), 100)), List.class); // connections up
            emulator.reset();
            long before = calls();
            long start = System.nanoTime();
            List<?> jobs = template.requestBody(uri, ids, List.class);
            long nanos = System.nanoTime() - start;
            check(jobs.size());
            int c = concurrency == null ? component.getConfiguration().getMaxConcurrentRequests() : concurrency;
            return new ThroughputRow(concurrency == null ? "our producer, defaults" : "our producer", latencyMs, c,
                    ids.size(), nanos, calls() - before);
        }
    }

    void latency(int latencyMs) throws IOException {
        emulator.latency(latencyMs);
    }

    private long calls() throws IOException {
        return emulator.calls(VodEmulator.ACTION_LIST_AI_JOB);
    }

    private void check(long found) {
        if (found != ids.size()) {
            throw new IllegalStateException("expected " + ids.size() + " jobs, got " + found);
        }
    }
}
