package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One MNS queue: messages in the order they were sent, each visible (receivable), invisible for the visibility
 * timeout after a receive (its receipt handle works until then), or not yet visible (sent with a delay). A message
 * received and not deleted is visible again when its timeout ends, under a new receipt handle. Thread-safe: a long
 * poll waits on the queue's monitor until a message is visible or its wait ends.
 */
final class EmulatedQueue {

    /** One message and its state. */
    static final class Message {
        final String id;
        final String body;
        final Instant enqueued;
        Instant visibleAt;
        String receiptHandle;
        int dequeueCount;
        Instant firstDequeued;

        Message(String id, String body, Instant enqueued, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.enqueued = enqueued;
            this.visibleAt = visibleAt;
        }
    }

    /** A message as one receive hands it out. */
    record Received(String messageId, String receiptHandle, String body, int dequeueCount, Instant enqueued,
            Instant nextVisible, Instant firstDequeued) {
    }

    private final String name;
    private final Duration visibilityTimeout;
    private final Supplier<Instant> clock;
    private final Map<String, Message> messages = new LinkedHashMap<>();

    EmulatedQueue(String name, Duration visibilityTimeout, Supplier<Instant> clock) {
        this.name = name;
        this.visibilityTimeout = visibilityTimeout;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    synchronized String send(String body, Duration delay) {
        Instant now = clock.get();
        String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
        messages.put(id, new Message(id, body, now, now.plus(delay)));
        notifyAll();
        return id;
    }

    /**
     * Up to {@code max} visible messages, waiting up to {@code wait} for the first; in send order, or in reverse
     * order when {@code outOfOrder}.
     */
    synchronized List<Received> receive(int max, Duration wait, boolean outOfOrder) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<Received> got = take(max);
            if (!got.isEmpty()) {
                if (outOfOrder) {
                    Collections.reverse(got);
                }
                return got;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return got;
            }
            // wake up when a message is sent, or when the next invisible one becomes visible
            long untilVisible = nextVisibleInMillis();
            long waitMillis = Math.max(1, Math.min(left / 1_000_000, untilVisible));
            wait(waitMillis);
        }
    }

    private List<Received> take(int max) {
        Instant now = clock.get();
        List<Received> got = new ArrayList<>();
        for (Message m : messages.values()) {
            if (got.size() >= max) {
                break;
            }
            if (!m.visibleAt.isAfter(now)) {
                m.receiptHandle = "1-" + UUID.randomUUID();
                m.dequeueCount++;
                if (m.firstDequeued == null) {
                    m.firstDequeued = now;
                }
                m.visibleAt = now.plus(visibilityTimeout);
                got.add(new Received(m.id, m.receiptHandle, m.body, m.dequeueCount, m.enqueued, m.visibleAt,
                        m.firstDequeued));
            }
        }
        return got;
    }

    private long nextVisibleInMillis() {
        Instant now = clock.get();
        long next = Long.MAX_VALUE;
        for (Message m : messages.values()) {
            next = Math.min(next, Math.max(1, Duration.between(now, m.visibleAt).toMillis()));
        }
        return next;
    }

    /**
     * Deletes the message of a receipt handle; answers the error code when it cannot: ReceiptHandleError for a handle
     * that is not the message's current one (its visibility timeout ended) or not a handle at all.
     */
    synchronized String delete(String receiptHandle) {
        Instant now = clock.get();
        for (Map.Entry<String, Message> entry : messages.entrySet()) {
            Message m = entry.getValue();
            if (receiptHandle.equals(m.receiptHandle)) {
                if (m.visibleAt.isAfter(now)) {
                    messages.remove(entry.getKey());
                    return null;
                }
                return "ReceiptHandleError"; // the message is visible again: that receipt expired
            }
        }
        return "ReceiptHandleError";
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized void clear() {
        messages.clear();
    }
}
