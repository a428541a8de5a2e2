package io.github.camelaliyun.vod.aijob.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Bad input of every kind and the exact error it gets. Input errors must be caught before any call: for them the
 * emulator must have seen nothing. Server replies are listed too, with the error they turn into.
 */
class BadInputTableTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private CamelContext camel;

    /** One row: a label, the endpoint options, the body, the headers, a fault at the emulator, the expected error. */
    record Case(String name, String options, Object body, Map<String, Object> headers, Fault fault, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    static Stream<Arguments> cases() {
        String big = "{\"x\":\"" + "y".repeat(600) + "\"}";
        return Stream.of(
                // URI options: refused when the endpoint is created
                row("region name format", "regionId=Shanghai", "a", "Invalid regionId 'Shanghai': a region id looks like cn-shanghai"),
                row("region without the API", "regionId=cn-hangzhou&endpoint=", "a", "regionId 'cn-hangzhou' does not offer the VOD AI job API"),
                row("endpoint not a URL", "endpoint=https://", "a", "Invalid endpoint 'https://'"),
                row("negative requestTimeout", "requestTimeout=-1", "a", "Invalid requestTimeout -1: must be more than 0 milliseconds"),
                row("zero connectTimeout", "connectTimeout=0", "a", "Invalid connectTimeout 0: must be more than 0 milliseconds"),
                row("unknown signature", "signatureAlgorithm=MD5", "a", "Unknown signatureAlgorithm 'MD5': use one of ACS3-HMAC-SHA256, HMAC-SHA1"),
                row("ftp endpoint", "endpoint=ftp://x.example.com", "a", "Invalid endpoint 'ftp://x.example.com': expected an http or https URL"),
                row("plain http elsewhere", "endpoint=http://vod.example.com", "a", "Refusing endpoint http://vod.example.com: plain http://"),
                row("too many retries", "maxRetries=21", "a", "Invalid maxRetries 21: allowed 0 to 20"),
                row("concurrency 65", "maxConcurrentRequests=65", "a", "Invalid maxConcurrentRequests 65: allowed 1 to 64"),
                row("unknown operation", "operation=purge", "a", "purge"),
                row("backoff shrinking", "retryBackoffMultiplier=0.5", "a", "Invalid retryBackoffMultiplier 0.5: must be 1.0 or more"),
                row("negative jobTimeout", "jobTimeout=-5", "a", "Invalid jobTimeout -5: must be 0 (wait for ever) or more milliseconds"),
                row("rate 0", "maxRequestsPerSecond=0", "a", "Invalid maxRequestsPerSecond 0: allowed 1 to 1000"),
                row("unknown job type", "jobTypes=AIFace", "a", "Unknown job type 'AIFace' in the jobTypes option"),
                row("config not JSON", "config={oops", "a", "The config option is not valid JSON"),
                row("tagging in Singapore", "regionId=ap-southeast-1&jobTypes=AIVideoTag", "a", "AIVideoTag (smart tagging) is not offered in region ap-southeast-1"),
                row("bad jobIds option", "jobIds=a%09b,c%01", "a", "contains a control character"),
                row("unknown option", "nonsense=1", "a", "nonsense"),
                // bodies and headers: refused before any call
                row("null body", "", null, "No job ids: put them in the message body or in the CamelAliyunVodAiJobIds header"),
                row("Map body", "", Map.of("id", "a"), "which cannot hold job ids: use a String (ids separated by commas or whitespace)"),
                row("number body", "", 42, "The message body holds a java.lang.Integer, which cannot hold job ids"),
                row("comma inside an id", "", List.of("ok", "a,b"), "Job id 'a,b' at position 2 of the message body contains a comma"),
                row("space inside an id", "", List.of("a b"), "Job id 'a b' at position 1 of the message body contains whitespace"),
                row("id too long", "", List.of("x".repeat(65)), "has 65 characters; ids have at most 64"),
                row("control character", "", List.of("bad\u0007id"), "Job id 'bad\\u0007id' at position 1 of the message body contains a control character"),
                row("non-String element", "", List.of("a", 7), "Job id at position 2 of the message body is a java.lang.Integer, not a String"),
                new Case("ids header of a wrong type", "", "a", Map.of(VodAiJobConstants.JOB_IDS, 3.5), null, "The header CamelAliyunVodAiJobIds holds a java.lang.Double"),
                new Case("operation header unknown", "", "a", Map.of(VodAiJobConstants.OPERATION, "drop"), null, "Unknown aivod-aijob operation 'drop'"),
                row("submit without media id", "operation=submitAiJob&jobTypes=AIMediaDNA", null, "No media id to submit AI jobs for"),
                row("submit without type", "operation=submitAiJob", "m1", "No job type to submit: set the jobTypes option"),
                row("media id with space", "operation=submitAiJob&jobTypes=AIMediaDNA", "m 1", "Media id 'm 1' of the message body contains whitespace"),
                new Case("UserData over 512 bytes", "operation=submitAiJob&jobTypes=AIMediaDNA", "m1", Map.of(VodAiJobConstants.SUBMIT_USER_DATA, big), null, "is 608 bytes of JSON; SubmitAIJob accepts at most 512 bytes"),
                new Case("Config header not JSON", "operation=submitAiJob&jobTypes=AIMediaDNA", "m1", Map.of(VodAiJobConstants.SUBMIT_CONFIG, "[1,"), null, "The header CamelAliyunVodAiJobSubmitConfig is not valid JSON"),
                // credentials
                row("id without secret", "secretKey=", "a", "Incomplete Alibaba Cloud credentials: the options accessKeyId and secretKey must be set together (only accessKeyId is set)"),
                row("secret with a control character", "secretKey=ab%07c", "a", "The secretKey holds a character that cannot be part of Alibaba Cloud credentials"),
                // server replies: these reach the service
                row("wrong secret", "secretKey=wrong", "a", "ListAIJob failed for job ids [a]: SignatureDoesNotMatch (HTTP 400)"),
                row("unknown access key", "accessKeyId=nobody", "a", "InvalidAccessKeyId.NotFound (HTTP 404): Specified access key is not found."),
                new Case("persistent 500", "", "a", Map.of(), Fault.SERVER_ERROR, "InternalError (HTTP 500): The request processing has failed"),
                new Case("persistent throttling", "", "a", Map.of(), Fault.THROTTLE, "Throttling.User (HTTP 503): Request was denied due to user flow control."),
                new Case("malformed reply", "", "a", Map.of(), Fault.MALFORMED_JSON, "MalformedResponse (HTTP 200): ListAIJob reply is not valid JSON"),
                new Case("timeout", "requestTimeout=200", "a", Map.of(), Fault.SLOW, "IOError: no reply from"),
                new Case("dropped connection", "", "a", Map.of(), Fault.DROP_CONNECTION, "IOError: no reply from"))
                .map(Arguments::of);
    }

    /** The endpoint URI: working defaults, with the row's options replacing them (an empty value removes one). */
    private static String uri(String rowOptions) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("endpoint", VOD.emulator().url());
        options.put("accessKeyId", VodEmulator.DEMO_ACCESS_KEY_ID);
        options.put("secretKey", VodEmulator.DEMO_ACCESS_KEY_SECRET);
        options.put("maxRetries", "1");
        options.put("retryBackoffInitialDelay", "1");
        if (!rowOptions.isEmpty()) {
            for (String pair : rowOptions.split("&")) {
                int eq = pair.indexOf('=');
                options.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        StringBuilder uri = new StringBuilder("aivod-aijob:bad?");
        options.forEach((k, v) -> {
            if (!v.isEmpty()) {
                uri.append(uri.charAt(uri.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v);
            }
        });
        return uri.toString();
    }

    private static Case row(String name, String options, Object body, String expected) {
        return new Case(name, options, body, Map.of(), null, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachBadInputGetsItsExactError(Case row) {
        if (row.fault() != null) {
            VOD.emulator().faults().slowDelay(Duration.ofMillis(800)).rate(row.fault(), 1.0);
        }
        String uri = uri(row.options());
        Throwable error = catchThrowable(() -> {
            Exchange out = camel.createProducerTemplate().request(uri, e -> {
                e.getMessage().setBody(row.body());
                e.getMessage().setHeaders(new HashMap<>(row.headers()));
            });
            if (out.getException() != null) {
                throw out.getException();
            }
        });

        assertThat(error).as(row.name()).isNotNull();
        assertThat(error).hasStackTraceContaining(row.expected());
        boolean reachesTheService = row.fault() != null || row.options().startsWith("secretKey=wrong")
                                    || row.options().startsWith("accessKeyId=nobody");
        if (!reachesTheService) {
            assertThat(VOD.emulator().stats().requests()).as("calls made for an input error").isZero();
        }
    }
}
