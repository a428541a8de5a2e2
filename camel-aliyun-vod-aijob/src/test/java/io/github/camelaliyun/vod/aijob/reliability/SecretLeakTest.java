package io.github.camelaliyun.vod.aijob.reliability;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.DumpRoutesStrategy;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.camelaliyun.vod.aijob.HealthChecksForTests;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobConfiguration;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.client.AcsPercentEncoder;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment;
import io.github.camelaliyun.vod.emulator.CredentialsEmulator;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the error paths with every logger at TRACE and collects what a person could see (logs, exception messages and
 * stack traces, route dumps, endpoints as Camel shows them, health check details); the access key secret and the
 * security token must appear nowhere.
 * <p>
 * Two loggers stay at INFO: Apache HttpClient's {@code org.apache.hc.client5.http.headers} and {@code .wire}, a
 * protocol trace that prints every header and byte sent, the STS token included, as it would for any HTTP client. The
 * second test proves they do, so that docs/reliability.md can say so with evidence: keep them off in production.
 */
class SecretLeakTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    static final String HTTP_HEADERS_LOG = "org.apache.hc.client5.http.headers";
    static final String HTTP_WIRE_LOG = "org.apache.hc.client5.http.wire";

    private final String secret = "SeCrEt" + HexFormat.of().formatHex(new byte[] { 0x5e, 0x11, 0x7a, 0x22 });
    // STS tokens are Base64: the characters that percent-encoding changes must be redacted in every encoding
    private final String token = "ToKeN/" + Long.toHexString(new Random().nextLong()) + "+x==";
    private final StringBuilder seen = new StringBuilder();

    @Test
    void noErrorPathShowsTheSecretOrTheToken() throws Exception {
        VOD.emulator().addStsCredentials("STS.leak", secret, token);
        // the same secret does not belong to this key: the service answers SignatureDoesNotMatch
        VOD.emulator().addStsCredentials("STS.other", "the-right-secret", token);
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        try (LogCapture logs = new LogCapture(HTTP_HEADERS_LOG, HTTP_WIRE_LOG)) {
            for (String algorithm : List.of("ACS3-HMAC-SHA256", "HMAC-SHA1")) {
                exercise("&signatureAlgorithm=" + algorithm);
            }
            seen.append(logs.text());
        }
        // a wrong option value with the secret in the same URI: the error message masks it (this runs outside the
        // capture because Camel core itself logs the raw URI at TRACE while resolving it)
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            camel.getEndpoint("aivod-aijob:bad?regionId=nowhere&secretKey=" + secret + "&sessionToken=" + token);
        } catch (RuntimeException e) {
            record(e);
        }
        assertThat(seen.length()).as("something was captured").isGreaterThan(10_000);
        assertThat(seen.toString()).contains("SignatureDoesNotMatch", "InternalError", "Throttling.User")
                .doesNotContain(secret).doesNotContain(token);
        assertNotEncodedIn(seen.toString(), token);
    }

    @Test
    void httpClientsProtocolTraceDoesPrintTheToken() throws Exception {
        VOD.emulator().addStsCredentials("STS.trace", "the-right-secret", token);
        String traced;
        try (LogCapture logs = new LogCapture()) {
            try (CamelContext camel = new DefaultCamelContext()) {
                VodAiJobConfiguration conf = camel.getComponent("aivod-aijob", VodAiJobComponent.class).getConfiguration();
                conf.setAccessKeyId("STS.trace");
                conf.setSecretKey(secret);
                conf.setSessionToken(token);
                camel.start();
                camel.createProducerTemplate().request("aivod-aijob:trace?maxRetries=0&endpoint=" + VOD.emulator().url(),
                        e -> e.getMessage().setBody("job-1"));
            }
            traced = logs.text();
        }
        assertThat(traced).contains(HTTP_HEADERS_LOG + " - ").contains("x-acs-security-token: " + token)
                .doesNotContain(secret);
    }

    @Test
    void credentialProvidersShowNoSecretTokenOrOidcToken(@TempDir Path home) throws Exception {
        String oidcToken = "OiDcToKeN" + Long.toHexString(new Random().nextLong());
        Path tokenFile = Files.writeString(home.resolve("oidc-token"), oidcToken);
        Map<String, String> vars = new HashMap<>();
        vars.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        vars.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::123456789012:role/vod-jobs");
        vars.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::123456789012:oidc-provider/ack-rrsa");
        vars.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", tokenFile.toString());
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        try (CredentialsEmulator sts = CredentialsEmulator.start().issuesFor(VOD.emulator())
                .lifetime(Duration.ofSeconds(2)).acceptOidcToken(oidcToken).addRamUser("LTAI-leak", "the-right-secret");
             LogCapture logs = new LogCapture(HTTP_HEADERS_LOG, HTTP_WIRE_LOG)) {
            vars.put("ALIBABA_CLOUD_STS_ENDPOINT", sts.url());
            try (CamelContext camel = new DefaultCamelContext()) {
                VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
                component.useCredentialsEnvironment(CredentialsEnvironment.of(vars, home));
                HealthChecksForTests.install(camel);
                String uri = "aivod-aijob:oidc?maxRetries=0&endpoint=" + VOD.emulator().url();
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:oidc").routeId("leak-oidc").to(uri);
                    }
                });
                camel.start();
                ProducerTemplate template = camel.createProducerTemplate();
                // refreshes that succeed, then refreshes STS refuses (WARN), then calls after expiry (errors)
                long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < end) {
                    record(template.request("direct:oidc", e -> e.getMessage().setBody("job-1")));
                    Thread.sleep(50);
                }
                sts.failNextStsCalls("Throttling.User", "InternalError");
                Files.writeString(tokenFile, "an-unknown-" + oidcToken);
                end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (System.nanoTime() < end) {
                    record(template.request("direct:oidc", e -> e.getMessage().setBody("job-1")));
                    Thread.sleep(50);
                }
                for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(camel)) {
                    seen.append(result.getCheck().getId()).append(result.getState()).append(result.getMessage())
                            .append(result.getDetails());
                    result.getError().ifPresent(this::record);
                }
                for (var endpoint : camel.getEndpoints()) {
                    seen.append(endpoint).append('\n');
                    if (endpoint instanceof VodAiJobEndpoint vodEndpoint) {
                        seen.append(vodEndpoint.getConfiguration()).append('\n');
                        try {
                            seen.append(vodEndpoint.getClient()).append('\n');
                        } catch (RuntimeException e) {
                            record(e); // expired, and STS refuses the token now
                        }
                    }
                }
            }
            // AssumeRole signed with a wrong secret: STS echoes its string to sign
            Files.createDirectories(home.resolve(".aliyun"));
            Files.writeString(home.resolve(".aliyun").resolve("config.json"), "{\"current\": \"p\", \"profiles\": [{"
                    + "\"name\": \"p\", \"mode\": \"StsToken\", \"access_key_id\": \"LTAI-leak\","
                    + " \"access_key_secret\": \"" + secret + "\", \"sts_token\": \"" + token + "\"}, {"
                    + "\"name\": \"r\", \"mode\": \"ChainableRamRoleArn\", \"source_profile\": \"p\","
                    + " \"ram_role_arn\": \"acs:ram::1:role/r\"}]}");
            vars.remove("ALIBABA_CLOUD_ROLE_ARN");
            vars.put("ALIBABA_CLOUD_PROFILE", "r");
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.getComponent("aivod-aijob", VodAiJobComponent.class)
                        .useCredentialsEnvironment(CredentialsEnvironment.of(vars, home));
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:role").to("aivod-aijob:role?endpoint=" + VOD.emulator().url());
                    }
                });
                camel.start();
            } catch (Exception e) {
                record(e);
            }
            seen.append(logs.text());
            for (CredentialsEmulator.Issued issued : sts.issued()) {
                assertThat(seen.toString()).doesNotContain(issued.accessKeySecret()).doesNotContain(issued.securityToken());
            }
            assertThat(sts.issued()).as("several credentials were issued and refreshed").hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(seen.toString()).contains("Refreshing the Alibaba Cloud credentials from OIDC role", "Throttling.User",
                        "InvalidParameter.OIDCToken", "SignatureDoesNotMatch", "could not be refreshed")
                .doesNotContain(oidcToken).doesNotContain(secret).doesNotContain(token);
        assertNotEncodedIn(seen.toString(), token);
    }

    /** Servers echo strings to sign, where values are percent-encoded once (V3, RPC query) or twice (RPC). */
    private static void assertNotEncodedIn(String text, String value) {
        String once = AcsPercentEncoder.encode(value);
        assertThat(once).isNotEqualTo(value);
        assertThat(text).doesNotContain(once).doesNotContain(AcsPercentEncoder.encode(once));
    }

    private void exercise(String extra) throws Exception {
        // the secrets are component options set in code (from a vault, say), as the docs advise: Camel itself prints
        // route models as written and logs resolved placeholders at TRACE, so a secret typed into a URI or a
        // property would show there whatever the component does
        String options = "?endpoint=" + VOD.emulator().url()
                         + "&maxRetries=1&retryBackoffInitialDelay=1&requestTimeout=300" + extra;
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobConfiguration conf = camel.getComponent("aivod-aijob", VodAiJobComponent.class).getConfiguration();
            conf.setAccessKeyId("STS.leak");
            conf.setSecretKey(secret);
            conf.setSessionToken(token);
            HealthChecksForTests.install(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:lookup").routeId("leak-lookup").to("aivod-aijob:leak" + options);
                    from("direct:wrong").routeId("leak-wrong").to("aivod-aijob:leak" + options + "&accessKeyId=STS.other");
                    from("direct:submit").routeId("leak-submit").to("aivod-aijob:leak" + options
                                                                    + "&accessKeyId=STS.other&operation=submitAiJob&jobTypes=AIMediaDNA");
                    from("aivod-aijob:leak" + options + "&delay=50&initialDelay=0").routeId("leak-consumer")
                            .to("log:leak?showAll=true");
                }
            });
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("aivod-aijob:leak" + options + "&operation=track", "job-1");
            // wrong secret (the service echoes the string it signed, which holds the token for RPC)
            record(template.request("direct:wrong", e -> e.getMessage().setBody("job-1")));
            record(template.request("direct:submit", e -> e.getMessage().setBody("media-1")));
            // server errors, throttling, timeouts, malformed replies
            for (Fault fault : Fault.values()) {
                VOD.emulator().faults().slowDelay(Duration.ofMillis(600)).rate(fault, 1.0);
                record(template.request("direct:lookup", e -> e.getMessage().setBody("job-1")));
                VOD.emulator().faults().clear();
            }
            Thread.sleep(300); // a few failing polls of the consumer
            for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(camel)) {
                seen.append(result.getCheck().getId()).append(result.getState()).append(result.getMessage())
                        .append(result.getDetails());
                result.getError().ifPresent(this::record);
            }
            for (var endpoint : camel.getEndpoints()) {
                seen.append(endpoint).append('\n').append(URISupport.sanitizeUri(endpoint.getEndpointUri()))
                        .append('\n');
                if (endpoint instanceof VodAiJobEndpoint) {
                    seen.append(((VodAiJobEndpoint) endpoint).getConfiguration()).append('\n');
                }
            }
            // the route dump a user turns on (camel.main.dump-routes), logged and so captured
            DumpRoutesStrategy dump = camel.getCamelContextExtension().getContextPlugin(DumpRoutesStrategy.class);
            dump.setLog(true);
            dump.dumpRoutes("xml");
            dump.dumpRoutes("yaml");
        }
        // a bad security token
        VOD.emulator().addStsCredentials("STS.leak2", secret, "another-token");
        try (CamelContext camel = new DefaultCamelContext()) {
            VodAiJobConfiguration conf = camel.getComponent("aivod-aijob", VodAiJobComponent.class).getConfiguration();
            conf.setAccessKeyId("STS.leak2");
            conf.setSecretKey(secret);
            conf.setSessionToken(token);
            camel.start();
            record(camel.createProducerTemplate().request("aivod-aijob:t2?endpoint=" + VOD.emulator().url() + extra,
                    e -> e.getMessage().setBody("job-1")));
        }
    }

    private void record(Exchange exchange) {
        if (exchange.getException() != null) {
            record(exchange.getException());
        }
    }

    private void record(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        seen.append(error.getMessage()).append('\n').append(trace);
    }
}
