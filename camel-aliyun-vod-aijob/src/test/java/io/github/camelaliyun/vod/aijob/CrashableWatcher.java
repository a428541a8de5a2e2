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
 * The child JVM of {@link CrashRecoveryTest}: a consumer on a file store that appends each job it receives to a file
 * before its exchange completes, and runs until it is killed. Arguments: emulator URL, store file, delivered file.
 */
public final class CrashableWatcher {

    private CrashableWatcher() {
    }

    public static void main(String[] args) throws Exception {
        String emulator = args[0];
        Path store = Path.of(args[1]);
        Path delivered = Path.of(args[2]);
        CamelContext camel = new DefaultCamelContext();
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(emulator);
        component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
        component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:crash?delay=50&initialDelay=0&jobStoreFile=" + store)
                        .process(e -> Files.writeString(delivered,
                                e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class) + "\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            }
        });
        camel.start();
        System.out.println("watching");
        Thread.currentThread().join();
    }
}
