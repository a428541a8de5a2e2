package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code ./mvnw -q -pl vod-emulator exec:java [-Dexec.args=PORT]}. Prints the URL and the
 * demo credentials, holds a few demo jobs that finish within seconds, and runs until stopped.
 */
public final class VodEmulatorMain {

    private VodEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        VodEmulator emulator = VodEmulator.start(port);
        for (EmulatedJob job : demoJobs()) {
            emulator.addJob(job);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        System.out.println("VOD emulator listening on " + emulator.url());
        System.out.println("  accessKeyId     = " + VodEmulator.DEMO_ACCESS_KEY_ID);
        System.out.println("  accessKeySecret = " + VodEmulator.DEMO_ACCESS_KEY_SECRET + "   (a demo value, not a secret)");
        System.out.println("  demo jobs       = demo-job-1 .. demo-job-5 (finish within 10 s); Ctrl-C stops");
        stopped.await();
    }

    /** Five jobs of both types that finish 2 to 10 seconds after they are added, one of them failing. */
    public static Iterable<EmulatedJob> demoJobs() {
        List<EmulatedJob> jobs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            EmulatedJob.Builder job = EmulatedJob.builder("demo-job-" + i)
                    .mediaId("demo-media-" + ((i + 1) / 2))
                    .type(i % 2 == 0 ? EmulatedJob.TYPE_MEDIA_DNA : EmulatedJob.TYPE_VIDEO_TAG)
                    .processingAfter(Duration.ofSeconds(1))
                    .finishAfter(Duration.ofSeconds(2L * i));
            if (i == 4) {
                job.failsWith("InvalidVideo", "The video stream could not be decoded.");
            }
            jobs.add(job.build());
        }
        return jobs;
    }
}
