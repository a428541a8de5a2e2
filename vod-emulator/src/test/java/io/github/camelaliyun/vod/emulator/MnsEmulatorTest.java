package io.github.camelaliyun.vod.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The MNS emulator over HTTP, signed by hand here: what it refuses, and its delay and order faults. */
class MnsEmulatorTest {

    static {
        // MNS signs the Date header, which the JDK's client otherwise refuses to set
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "date");
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MnsEmulator mns;

    @BeforeAll
    static void start() {
        mns = MnsEmulator.start();
    }

    @AfterAll
    static void stop() {
        mns.close();
    }

    @BeforeEach
    void reset() {
        mns.reset();
        mns.createQueue("q", Duration.ofSeconds(30));
    }

    @Test
    void aWrongSignatureAnOldDateAndAnUnknownQueueAreRefused() throws Exception {
        assertThat(receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now(), "q").body()).contains("MessageNotExist");
        HttpResponse<String> wrong = receive("not-the-secret", Instant.now(), "q");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        HttpResponse<String> old = receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now().minusSeconds(3600), "q");
        assertThat(old.body()).contains("<Code>TimeExpired</Code>");
        HttpResponse<String> missing = receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now(), "nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<Code>QueueNotExist</Code>");
    }

    @Test
    void aDelayedMessageIsHiddenUntilItsTimeAndOutOfOrderHandsOutTheNewestFirst() throws Exception {
        mns.sendDelay(Duration.ofMillis(500)).send("q", "first");
        assertThat(receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now(), "q").body()).contains("MessageNotExist");
        Thread.sleep(600);
        assertThat(receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now(), "q").body())
                .contains("<MessageBody>first</MessageBody>");

        mns.sendDelay(Duration.ZERO).outOfOrder(true);
        mns.send("q", "a");
        mns.send("q", "b");
        String body = receive(VodEmulator.DEMO_ACCESS_KEY_SECRET, Instant.now(), "q").body();
        assertThat(body.indexOf("<MessageBody>b</MessageBody>")).isLessThan(body.indexOf("<MessageBody>a</MessageBody>"));
    }

    @Test
    void copiesWriteEachMessageSeveralTimes() {
        mns.copies(3).send("q", "dup");
        assertThat(mns.messages("q")).isEqualTo(3);
    }

    private static HttpResponse<String> receive(String secret, Instant at, String queue) throws Exception {
        String resource = "/queues/" + queue + "/messages?numOfMessages=16&waitseconds=0";
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(at);
        String toSign = "GET\n\ntext/xml\n" + date + "\nx-mns-version:2015-06-06\n" + resource;
        HttpRequest request = HttpRequest.newBuilder(URI.create(mns.url() + resource))
                .header("Date", date)
                .header("Content-Type", "text/xml")
                .header("x-mns-version", "2015-06-06")
                .header("Authorization", "MNS " + VodEmulator.DEMO_ACCESS_KEY_ID + ":"
                                         + MnsEmulator.hmacSha1(secret, toSign))
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
