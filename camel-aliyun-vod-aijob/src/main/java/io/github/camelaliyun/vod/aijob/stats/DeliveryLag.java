package io.github.camelaliyun.vod.aijob.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * How long after a job finished at the service the consumer handed it to the route: poll delay, backlog and retries
 * show up here. Count, total and maximum, so that a mean and Micrometer's function timer can be read from it.
 */
public final class DeliveryLag {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalMillis = new LongAdder();
    private final LongAccumulator maxMillis = new LongAccumulator(Math::max, 0);
    private final AtomicLong lastMillis = new AtomicLong(-1);

    void record(Instant finished, Instant delivered) {
        // clocks of the service and of this machine differ a little: a job seen "before" it finished lagged 0
        long millis = Math.max(0, Duration.between(finished, delivered).toMillis());
        count.increment();
        totalMillis.add(millis);
        maxMillis.accumulate(millis);
        lastMillis.set(millis);
    }

    public long count() {
        return count.sum();
    }

    public long totalMillis() {
        return totalMillis.sum();
    }

    public long maxMillis() {
        return maxMillis.get();
    }

    /** The mean in milliseconds, 0 before the first delivery. */
    public long meanMillis() {
        long n = count();
        return n == 0 ? 0 : totalMillis() / n;
    }

    /** The lag of the latest delivery, -1 before the first. */
    public long lastMillis() {
        return lastMillis.get();
    }
}
