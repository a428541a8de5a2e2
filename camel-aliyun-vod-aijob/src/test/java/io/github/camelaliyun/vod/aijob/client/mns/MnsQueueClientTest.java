package io.github.camelaliyun.vod.aijob.client.mns;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue client against the MNS emulator over HTTP: batches, long polls, receipts, errors, close. */
class MnsQueueClientTest {

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
    }

    @Test
    void sixteenAtATimeThenDeletedInOneCall() {
        mns.createQueue("q", Duration.ofSeconds(30));
        for (int i = 0; i < 20; i++) {
            mns.sendRaw("q", "{\"n\":" + i + "}");
        }
        try (MnsQueueClient client = client("q", VodEmulator.DEMO_ACCESS_KEY_SECRET, 0)) {
            List<MnsMessage> first = client.receive(16, 0);
            assertThat(first).hasSize(16);
            assertThat(first.get(0).body()).isEqualTo("{\"n\":0}");
            assertThat(first.get(0).dequeueCount()).isEqualTo(1);
            assertThat(client.delete(first.stream().map(MnsMessage::receiptHandle).toList())).isEmpty();
            assertThat(client.receive(16, 0)).hasSize(4);
            assertThat(mns.messages("q")).isEqualTo(4);
        }
    }

    @Test
    void aLongPollAnswersAsSoonAsAMessageComesAndAnEmptyOneAfterItsWait() throws Exception {
        mns.createQueue("q", Duration.ofSeconds(30));
        try (MnsQueueClient client = client("q", VodEmulator.DEMO_ACCESS_KEY_SECRET, 0)) {
            long started = System.nanoTime();
            assertThat(client.receive(16, 1)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

            CompletableFuture<List<MnsMessage>> waiting = CompletableFuture.supplyAsync(() -> client.receive(16, 10));
            Thread.sleep(300);
            long sent = System.nanoTime();
            mns.sendRaw("q", "late");
            assertThat(waiting.get(5, TimeUnit.SECONDS)).extracting(MnsMessage::body).containsExactly("late");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aReceiptThatExpiredIsAnsweredNotThrownAndTheMessageComesBack() throws Exception {
        mns.createQueue("q", Duration.ofMillis(500));
        mns.sendRaw("q", "once");
        try (MnsQueueClient client = client("q", VodEmulator.DEMO_ACCESS_KEY_SECRET, 0)) {
            MnsMessage first = client.receive(1, 0).get(0);
            Thread.sleep(700);
            MnsMessage again = client.receive(1, 0).get(0);
            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(again.dequeueCount()).isEqualTo(2);

            List<MnsQueueClient.DeleteFailure> failures = client.delete(List.of(first.receiptHandle(),
                    again.receiptHandle()));

            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.receiptHandle()).isEqualTo(first.receiptHandle());
                assertThat(f.isExpired()).isTrue();
            });
            assertThat(mns.messages("q")).isZero();
        }
    }

    @Test
    void errorsNameTheCodeAndWhatToCheck() {
        try (MnsQueueClient missing = client("nowhere", VodEmulator.DEMO_ACCESS_KEY_SECRET, 3)) {
            assertThatThrownBy(() -> missing.receive(1, 0)).isInstanceOfSatisfying(MnsException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo("QueueNotExist");
                assertThat(e.getHttpStatus()).isEqualTo(404);
                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("nowhere", "check eventQueue");
            });
            assertThat(missing.calls()).as("not retried").isEqualTo(1);
        }
        mns.createQueue("q", Duration.ofSeconds(30));
        try (MnsQueueClient wrong = client("q", "not-the-secret", 0)) {
            assertThatThrownBy(() -> wrong.receive(1, 0)).isInstanceOfSatisfying(MnsException.class,
                    e -> assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        mns.throttleNext(5);
        try (MnsQueueClient busy = client("q", VodEmulator.DEMO_ACCESS_KEY_SECRET, 2)) {
            assertThatThrownBy(() -> busy.receive(1, 0)).isInstanceOfSatisfying(MnsException.class, e -> {
                assertThat(e.getHttpStatus()).isEqualTo(503);
                assertThat(e.isRetryable()).isTrue();
            });
            assertThat(busy.calls()).as("the call and its two retries").isEqualTo(3);
        }
    }

    @Test
    void closeEndsALongPollAtOnce() throws Exception {
        mns.createQueue("q", Duration.ofSeconds(30));
        MnsQueueClient client = client("q", VodEmulator.DEMO_ACCESS_KEY_SECRET, 3);
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.receive(16, 30);
            } catch (MnsException e) {
                return e;
            }
        });
        Thread.sleep(300);
        long closed = System.nanoTime();
        client.close();
        Object outcome = waiting.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isLessThan(Duration.ofSeconds(2));
        assertThat(outcome).isInstanceOf(MnsException.class);
    }

    private static MnsQueueClient client(String queue, String secret, int retries) {
        return new MnsQueueClient(URI.create(mns.url()), queue,
                CredentialsProvider.of(new AlibabaCloudCredentials(VodEmulator.DEMO_ACCESS_KEY_ID, secret, null)),
                new RetryPolicy(retries, Duration.ofMillis(10), Duration.ofMillis(20), 1.0), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Clock.systemUTC());
    }
}
