package io.github.camelaliyun.vod.aijob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The child JVM of {@link EventQueueCrashTest}: a consumer on a file store that watches one job and reads the label's
 * MNS event queue, appending each job it delivers to a file, until it is killed. Arguments: VOD emulator URL, MNS
 * emulator URL, queue, store file, delivered file, job id.
 */
public final class QueueReadingNode {

    private QueueReadingNode() {
    }

    public static void main(String[] args) throws Exception {
        Path delivered = Path.of(args[4]);
        CamelContext camel = new DefaultCamelContext();
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(args[0]);
        component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
        component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:crash?minCheckInterval=60s&maxCheckInterval=60s&eventQueueWaitSeconds=5"
                     + "&eventQueueEndpoint=" + args[1] + "&eventQueue=" + args[2] + "&jobStoreFile=" + args[3]
                     + "&jobIds=" + args[5])
                        .process(e -> Files.writeString(delivered,
                                e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class) + "\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            }
        });
        camel.start();
        System.out.println("reading");
        Thread.currentThread().join();
    }
}
