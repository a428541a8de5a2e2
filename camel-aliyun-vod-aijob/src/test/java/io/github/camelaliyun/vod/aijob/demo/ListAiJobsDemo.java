package io.github.camelaliyun.vod.aijob.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorMain;

/**
 * The README's first command: watches a few AI jobs until they finish. Without {@code ALIBABA_CLOUD_*} credentials
 * it starts the bundled VOD emulator with demo jobs that finish within ten seconds; with them it asks the real service
 * about the ids in {@code VOD_AI_JOB_IDS} (comma-separated) in {@code ALIBABA_CLOUD_REGION_ID} (default cn-shanghai).
 */
public final class ListAiJobsDemo {

    private static final long GIVE_UP_AFTER_MILLIS = 60_000;

    private ListAiJobsDemo() {
    }

    public static void main(String[] args) throws Exception {
        boolean live = new CredentialsResolver().environmentHasCredentials();
        List<String> jobIds = new ArrayList<>();
        VodEmulator emulator = null;
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            if (live) {
                String ids = System.getenv().getOrDefault("VOD_AI_JOB_IDS", "");
                Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(jobIds::add);
                if (jobIds.isEmpty()) {
                    System.out.println("ALIBABA_CLOUD_* credentials are set: set VOD_AI_JOB_IDS=id1,id2 to watch your"
                                       + " jobs on the real service (unset the credentials to use the emulator)");
                    return;
                }
                component.getConfiguration()
                        .setRegionId(System.getenv().getOrDefault("ALIBABA_CLOUD_REGION_ID", "cn-shanghai"));
                System.out.println("Watching " + jobIds + " on " + component.getConfiguration().getRegionId());
            } else {
                emulator = VodEmulator.start();
                for (EmulatedJob job : VodEmulatorMain.demoJobs()) {
                    emulator.addJob(job);
                    jobIds.add(job.jobId());
                }
                jobIds.add("no-such-job");
                component.getConfiguration().setEndpoint(emulator.url());
                component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
                component.getConfiguration().setAccessKeySecret(VodEmulator.DEMO_ACCESS_KEY_SECRET);
                System.out.println("No ALIBABA_CLOUD_* credentials set: using the VOD emulator at " + emulator.url());
            }
            camel.start();
            watch(camel, jobIds);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /**
     * Sends the ids through the producer once a second and prints each change, until every job is finished or
     * unknown: the same call a route makes with {@code to("aivod-aijob:demo")}.
     */
    @SuppressWarnings("unchecked")
    private static void watch(CamelContext camel, List<String> jobIds) throws InterruptedException {
        Map<String, String> lastSeen = new HashMap<>();
        long started = System.currentTimeMillis();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            while (System.currentTimeMillis() - started < GIVE_UP_AFTER_MILLIS) {
                Exchange reply = template.request("aivod-aijob:demo", e -> e.getMessage().setBody(jobIds));
                if (reply.getException() != null) {
                    System.out.println("The lookup failed: " + reply.getException().getMessage());
                    return;
                }
                int open = 0;
                for (AiJob job : (List<AiJob>) reply.getMessage().getBody(List.class)) {
                    if (!job.getStatusText().equals(lastSeen.put(job.getJobId(), job.getStatusText()))) {
                        System.out.println("  " + job);
                    }
                    open += job.isFinished() ? 0 : 1;
                }
                for (String missing : (List<String>) reply.getMessage()
                        .getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class)) {
                    if (lastSeen.put(missing, "not found") == null) {
                        System.out.println("  " + missing + ": the service does not know this job");
                    }
                }
                if (open == 0) {
                    System.out.println("All jobs finished.");
                    return;
                }
                Thread.sleep(1000);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        System.out.println("Gave up waiting after " + GIVE_UP_AFTER_MILLIS / 1000 + " s");
    }
}
