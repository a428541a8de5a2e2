package io.github.camelaliyun.vod.aijob.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The calls of one action (ListAIJob or SubmitAIJob) by outcome, the retries they took and the throttled attempts. */
public final class ActionCalls {

    private final Map<CallOutcome, LongAdder> byOutcome = new EnumMap<>(CallOutcome.class);
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttledAttempts = new LongAdder();

    ActionCalls() {
        for (CallOutcome outcome : CallOutcome.values()) {
            byOutcome.put(outcome, new LongAdder()); // filled once: read concurrently afterwards, never changed
        }
    }

    void ended(CallOutcome outcome) {
        byOutcome.get(outcome).increment();
    }

    void retried() {
        retries.increment();
    }

    void throttled() {
        throttledAttempts.increment();
    }

    public long count(CallOutcome outcome) {
        return byOutcome.get(outcome).sum();
    }

    /** Every call that ended, whatever its outcome. */
    public long total() {
        long total = 0;
        for (LongAdder adder : byOutcome.values()) {
            total += adder.sum();
        }
        return total;
    }

    /** Attempts that failed and were tried again. */
    public long retries() {
        return retries.sum();
    }

    /** Attempts the service answered with a throttling error, retried or not. */
    public long throttledAttempts() {
        return throttledAttempts.sum();
    }
}
