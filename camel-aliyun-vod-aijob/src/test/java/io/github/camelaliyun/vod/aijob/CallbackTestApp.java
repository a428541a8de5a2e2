package io.github.camelaliyun.vod.aijob;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The application of the callback tests, as a user writes it: platform-http (Vert.x) on a free loopback port whose
 * POSTs go to {@code operation=vodEvent}, and the label's consumer (label {@code cb}, 50 ms polls) recording each job
 * it delivers and when.
 *
 * @param camel       the started context
 * @param callbackUrl the URL the events are posted to, which vodEvent checks their signature with
 */
record CallbackTestApp(CamelContext camel, String callbackUrl) {

    static CallbackTestApp start(VodEmulator emulator, String authKey, String schedule, List<String> delivered,
            List<Long> deliveredAt) throws Exception {
        return start(emulator, authKey, schedule, "", delivered, deliveredAt);
    }

    /** @param eventOptions more options of the vodEvent endpoint, joined with {@code &} */
    static CallbackTestApp start(VodEmulator emulator, String authKey, String schedule, String eventOptions,
            List<String> delivered, List<Long> deliveredAt) throws Exception {
        int port = freePort();
        String callbackUrl = "http://127.0.0.1:" + port + "/vod/events";
        CamelContext camel = new DefaultCamelContext();
        EmulatedService.pointAt(camel, emulator);
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        camel.addService(new VertxPlatformHttpServer(http));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/vod/events?httpMethodRestrict=POST")
                        .to("aivod-aijob:cb?operation=vodEvent&callbackUrl=RAW(" + callbackUrl
                            + ")&authKey=RAW(" + authKey + ")" + (eventOptions.isEmpty() ? "" : "&" + eventOptions));
                from("aivod-aijob:cb?" + (schedule.matches("(.*&)?delay=.*") ? "" : "delay=50&") + "initialDelay=0&" + schedule).process(e -> {
                    deliveredAt.add(System.currentTimeMillis());
                    delivered.add(e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class));
                });
            }
        });
        camel.start();
        return new CallbackTestApp(camel, callbackUrl);
    }

    /** Adds a job to the emulator (its run starts now) and tracks it; returns when it finishes, in epoch ms. */
    long track(VodEmulator emulator, String jobId, Duration runs) {
        long finishesAt = System.currentTimeMillis() + runs.toMillis();
        emulator.addJob(EmulatedJob.builder(jobId).finishAfter(runs).succeeds().build());
        camel.createProducerTemplate().sendBody("aivod-aijob:cb?operation=track", jobId);
        return finishesAt;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
