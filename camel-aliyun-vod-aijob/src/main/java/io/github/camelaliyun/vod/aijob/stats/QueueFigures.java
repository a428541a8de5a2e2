package io.github.camelaliyun.vod.aijob.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of a label's MNS event queue ({@code eventQueue}): the receive calls and the messages they brought,
 * what became of each message (an AI job event recorded, ignored, or poison), the messages deleted, and the calls
 * that failed after their retries. Counts only: no job id, no message body.
 */
public final class QueueFigures {

    private final LongAdder receives = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder poison = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder deleteCalls = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** A receive call answered, with {@code count} messages (0 when the long poll ended empty). */
    public void received(int count) {
        receives.increment();
        messages.add(count);
    }

    /** An AI job event made a job of the label due (or tracked it). */
    public void eventAccepted() {
        accepted.increment();
    }

    /** A message that changed nothing: another event type, a job of another label, a job delivered already. */
    public void eventIgnored() {
        ignored.increment();
    }

    /** A message that is not a VOD event (not JSON, no EventType, an AI job event without JobId). */
    public void poisonMessage() {
        poison.increment();
    }

    /** A delete call removed {@code count} messages. */
    public void deleted(int count) {
        deleteCalls.increment();
        deleted.add(count);
    }

    /** A receive or delete call failed after its retries. */
    public void failed() {
        failures.increment();
    }

    public long receives() {
        return receives.sum();
    }

    public long messages() {
        return messages.sum();
    }

    public long acceptedEvents() {
        return accepted.sum();
    }

    public long ignoredEvents() {
        return ignored.sum();
    }

    public long poisonMessages() {
        return poison.sum();
    }

    public long deletedMessages() {
        return deleted.sum();
    }

    public long deleteCalls() {
        return deleteCalls.sum();
    }

    public long failures() {
        return failures.sum();
    }
}
