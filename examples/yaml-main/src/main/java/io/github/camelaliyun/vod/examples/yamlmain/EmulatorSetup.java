package io.github.camelaliyun.vod.examples.yamlmain;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * Decides where the example talks to: the real service when {@code ALIBABA_CLOUD_*} credentials are set, else a VOD
 * emulator started here, whose jobs finish within a few seconds (one in four fails, to show both outcomes) with Data
 * like the service's, derived from the media id: the demo videos 1 and 3 have duplicates in the library, 2 has none.
 */
public final class EmulatorSetup implements AutoCloseable {

    private final VodEmulator emulator;
    private final Properties properties = new Properties();

    private EmulatorSetup(VodEmulator emulator) {
        this.emulator = emulator;
        if (emulator != null) {
            properties.put("camel.component.aivod-aijob.endpoint", emulator.url());
            properties.put("camel.component.aivod-aijob.access-key-id", VodEmulator.DEMO_ACCESS_KEY_ID);
            properties.put("camel.component.aivod-aijob.access-key-secret", VodEmulator.DEMO_ACCESS_KEY_SECRET);
            // against the emulator the example ends by itself once the jobs are in and nothing happened for a while
            properties.put("camel.main.duration-max-idle-seconds", "6");
        }
    }

    public static EmulatorSetup fromEnvironment() {
        if (new CredentialsResolver().environmentHasCredentials()) {
            System.out.println("ALIBABA_CLOUD_* credentials found: submitting to ApsaraVideo VOD for real (Ctrl-C stops)");
            return new EmulatorSetup(null);
        }
        VodEmulator emulator = VodEmulator.start();
        AtomicInteger submitted = new AtomicInteger();
        emulator.onSubmit((jobId, mediaId, type) -> {
            int n = submitted.incrementAndGet();
            EmulatedJob.Builder job = EmulatedJob.builder(jobId).mediaId(mediaId).type(type)
                    .processingAfter(Duration.ofMillis(500)).finishAfter(Duration.ofMillis(1500L + 700L * n));
            // the others succeed with the emulator's Data for the video: tags, and matches for some videos
            return (n % 4 == 0 ? job.failsWith("InvalidVideo", "The emulated video could not be decoded.") : job)
                    .build();
        });
        System.out.println("No ALIBABA_CLOUD_* credentials set: using the VOD emulator at " + emulator.url());
        return new EmulatorSetup(emulator);
    }

    /** Properties that override application.properties: empty against the real service. */
    public Properties properties() {
        return properties;
    }

    public boolean usesEmulator() {
        return emulator != null;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
