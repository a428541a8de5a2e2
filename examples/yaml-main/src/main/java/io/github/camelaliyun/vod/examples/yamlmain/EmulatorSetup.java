package io.github.camelaliyun.vod.examples.yamlmain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * Decides where the example talks to: the real service when {@code ALIBABA_CLOUD_*} credentials are set, else a VOD
 * emulator started here, whose jobs finish within a few seconds (one in four fails, to show both outcomes) with Data
 * like the service's, derived from the media id: the demo videos 1 and 3 have duplicates in the library, 2 has none.
 * <p>
 * And whether VOD's event callbacks are on: always with the emulator (which posts to loopback), on the real
 * service only with {@code VOD_CALLBACK_URL} (a public URL that reaches {@code VOD_CALLBACK_PORT} here) and
 * {@code VOD_CALLBACK_AUTH_KEY}. Then the routes of {@code callbacks/} run, on an HTTP server started here.
 * <p>
 * With {@code -Dexample.events=mns} (or {@code VOD_EVENTS=mns}) on the emulator, VOD writes its events into a queue of
 * an MNS emulator started here instead, and the consumer reads the queue ({@code callbacks-mns/}): no HTTP server.
 */
public final class EmulatorSetup implements AutoCloseable {

    static final String EVENTS_PATH = "/vod/events";
    private static final String ROUTES = "classpath:routes/*.camel.yaml";

    static final String EVENT_QUEUE = "vod-events";

    private final VodEmulator emulator;
    private MnsEmulator mns;
    private final Properties properties = new Properties();
    private final VertxPlatformHttpServerConfiguration httpServer;

    private EmulatorSetup(VodEmulator emulator, VertxPlatformHttpServerConfiguration httpServer) {
        this.emulator = emulator;
        this.httpServer = httpServer;
        if (emulator != null) {
            properties.put("camel.component.aivod-aijob.endpoint", emulator.url());
            properties.put("camel.component.aivod-aijob.access-key-id", VodEmulator.DEMO_ACCESS_KEY_ID);
            properties.put("camel.component.aivod-aijob.secret-key", VodEmulator.DEMO_ACCESS_KEY_SECRET);
            // against the emulator the example ends by itself once the jobs are in and nothing happened for a while
            properties.put("camel.main.duration-max-idle-seconds", "6");
        }
        if (httpServer != null) {
            properties.put("camel.main.routes-include-pattern", ROUTES + ",classpath:callbacks/*.camel.yaml");
            // an event makes its job due at once: poll often (a poll with nothing due makes no call), and ask about a
            // running job again only after 30 s, the safety net for an event that is lost
            properties.put("example.poll-delay", "500");
            properties.put("example.min-check-interval", "30s");
            properties.put("example.max-check-interval", "30s");
        }
    }

    public static EmulatorSetup fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static EmulatorSetup fromEnvironment(Map<String, String> env) {
        if (new CredentialsResolver().environmentHasCredentials()) {
            System.out.println("ALIBABA_CLOUD_* credentials found: submitting to ApsaraVideo VOD for real (Ctrl-C stops)");
            String url = env.get("VOD_CALLBACK_URL");
            if (url == null || url.isBlank()) {
                return new EmulatorSetup(null, null);
            }
            int port = Integer.parseInt(env.getOrDefault("VOD_CALLBACK_PORT", "8080").trim());
            EmulatorSetup setup = new EmulatorSetup(null, server(env.getOrDefault("VOD_CALLBACK_BIND", "0.0.0.0"), port));
            setup.properties.put("example.callback.url", url.trim());
            // the key stays in the environment: the routes read it through the env: placeholder, never printed
            setup.properties.put("example.callback.auth-key", "{{env:VOD_CALLBACK_AUTH_KEY}}");
            System.out.println("VOD_CALLBACK_URL set: VOD will post its events to " + url.trim() + " (received on port "
                               + port + ")");
            return setup;
        }
        VodEmulator emulator = VodEmulator.start();
        if ("mns".equalsIgnoreCase(System.getProperty("example.events", env.getOrDefault("VOD_EVENTS", "http")))) {
            onSubmit(emulator);
            EmulatorSetup setup = new EmulatorSetup(emulator, null);
            setup.mns = MnsEmulator.start().createQueue(EVENT_QUEUE, Duration.ofSeconds(30));
            emulator.mns(setup.mns);
            setup.properties.put("camel.main.routes-include-pattern", ROUTES + ",classpath:callbacks-mns/*.camel.yaml");
            setup.properties.put("camel.component.aivod-aijob.event-queue", EVENT_QUEUE);
            setup.properties.put("camel.component.aivod-aijob.event-queue-endpoint", setup.mns.url());
            // the default delay: an event wakes the consumer, so the delay only paces the safety net
            setup.properties.put("example.poll-delay", "5000");
            setup.properties.put("example.min-check-interval", "30s");
            setup.properties.put("example.max-check-interval", "30s");
            System.out.println("No ALIBABA_CLOUD_* credentials set: using the VOD emulator at " + emulator.url()
                               + ", which writes its events into the MNS queue " + EVENT_QUEUE + " at "
                               + setup.mns.url());
            return setup;
        }
        onSubmit(emulator);
        int port = freePort();
        EmulatorSetup setup = new EmulatorSetup(emulator, server("127.0.0.1", port));
        setup.properties.put("example.callback.url", "http://127.0.0.1:" + port + EVENTS_PATH);
        // a fresh key each run, as VOD wants one: upper case, lower case and digits (set your own with -D or a property)
        setup.properties.put("example.callback.auth-key", System.getProperty("example.callback.auth-key", randomKey()));
        System.out.println("No ALIBABA_CLOUD_* credentials set: using the VOD emulator at " + emulator.url()
                           + ", which posts its events to http://127.0.0.1:" + port + EVENTS_PATH);
        return setup;
    }

    /** Jobs that finish within a few seconds, one in four failing. */
    private static void onSubmit(VodEmulator emulator) {
        AtomicInteger submitted = new AtomicInteger();
        emulator.onSubmit((jobId, mediaId, type) -> {
            int n = submitted.incrementAndGet();
            EmulatedJob.Builder job = EmulatedJob.builder(jobId).mediaId(mediaId).type(type)
                    .processingAfter(Duration.ofMillis(500)).finishAfter(Duration.ofMillis(1500L + 700L * n));
            // the others succeed with the emulator's Data for the video: tags, and matches for some videos
            return (n % 4 == 0 ? job.failsWith("InvalidVideo", "The emulated video could not be decoded.") : job)
                    .build();
        });
    }

    /** The MNS emulator of the queue variant, or {@code null}. */
    public MnsEmulator mns() {
        return mns;
    }

    /** Properties that override application.properties: empty against the real service without callbacks. */
    public Properties properties() {
        return properties;
    }

    public boolean usesEmulator() {
        return emulator != null;
    }

    /** The emulator, or {@code null} against the real service: its figures show what happened. */
    public VodEmulator emulator() {
        return emulator;
    }

    /** Adds the HTTP server that platform-http receives the events on, when callbacks are on. */
    public void addHttpServer(CamelContext camel) {
        if (httpServer != null) {
            try {
                camel.addService(new VertxPlatformHttpServer(httpServer));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot add the HTTP server for VOD's events: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
        if (mns != null) {
            mns.close();
        }
    }

    private static VertxPlatformHttpServerConfiguration server(String host, int port) {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost(host);
        conf.setBindPort(port);
        return conf;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the event callbacks", e);
        }
    }

    /** 20 letters and digits, with at least one upper-case letter, one lower-case letter and one digit. */
    private static String randomKey() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("Ex7");
        while (key.length() < 20) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }
}
