package io.github.camelaliyun.vod.aijob.reliability;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.HealthChecksForTests;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event queue's paths, good and failing (a missing queue, refused access, a wrong secret), with every logger at
 * TRACE but HttpClient's protocol trace (see {@link SecretLeakTest}): the secret and the STS token of the queue's
 * credentials appear in no log, exception or health detail.
 */
class EventQueueSecretsTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static MnsEmulator mns;

    private final String secret = "QuEuEsEcReT" + HexFormat.of().formatHex(new byte[] { 0x3c, 0x19, 0x7f });
    private final String token = "QToKeN/" + Long.toHexString(new Random().nextLong()) + "+y==";

    @BeforeAll
    static void startMns() {
        mns = MnsEmulator.start();
    }

    @AfterAll
    static void stopMns() {
        mns.close();
    }

    @Test
    void noQueuePathShowsTheSecretOrTheToken() throws Exception {
        VOD.emulator().addStsCredentials("STS.q-leak", secret, token);
        mns.addStsCredentials("STS.q-leak", secret, token);
        mns.addStsCredentials("STS.q-other", "the-right-secret", token);
        StringBuilder seen = new StringBuilder();
        try (LogCapture logs = new LogCapture(SecretLeakTest.HTTP_HEADERS_LOG, SecretLeakTest.HTTP_WIRE_LOG)) {
            mns.createQueue("good", Duration.ofSeconds(30));
            VOD.emulator().eventsToQueue(mns, "good");
            seen.append(run("good", "STS.q-leak", () -> mns.count("deleted") >= 1));
            seen.append(run("missing", "STS.q-leak", () -> mns.count("queueNotExist") >= 1));
            mns.denyAccess("STS.q-leak");
            seen.append(run("good", "STS.q-leak", () -> mns.count("denied") >= 1));
            seen.append(run("good", "STS.q-other", () -> mns.count("refused") >= 3));
            seen.append(logs.text());
        }
        assertThat(seen.toString()).contains("QueueNotExist", "AccessDenied", "SignatureDoesNotMatch")
                .doesNotContain(secret).doesNotContain(token);
    }

    private String run(String queue, String keyId, java.util.concurrent.Callable<Boolean> until) throws Exception {
        StringBuilder seen = new StringBuilder();
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobComponent component = EmulatedService.pointAt(camel, VOD.emulator());
            component.getConfiguration().setAccessKeyId(keyId);
            component.getConfiguration().setSecretKey(secret);
            component.getConfiguration().setSessionToken(token);
            HealthChecksForTests.install(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:leak?delay=100&maxRetries=0&eventQueueWaitSeconds=1&eventQueue=" + queue
                         + "&eventQueueEndpoint=" + mns.url()).routeId("leak").log("${header.CamelAliyunVodAiJobId}");
                }
            });
            camel.start();
            VOD.emulator().addJob(EmulatedJob.builder("leak-" + queue + keyId).finishAfter(Duration.ofMillis(100))
                    .succeeds().build());
            camel.createProducerTemplate().sendBody("aivod-aijob:leak?operation=track", "leak-" + queue + keyId);
            await().atMost(Duration.ofSeconds(10)).until(until);
            Thread.sleep(300); // a poll after the failure: the health check has it
            HealthCheckHelper.invokeReadiness(camel).forEach(r -> {
                seen.append(r.getMessage().orElse("")).append(r.getDetails()).append('\n');
                r.getError().ifPresent(e -> seen.append(e).append('\n'));
            });
        }
        return seen.toString();
    }
}
