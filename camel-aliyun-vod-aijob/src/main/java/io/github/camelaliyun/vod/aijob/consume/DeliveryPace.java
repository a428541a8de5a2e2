package io.github.camelaliyun.vod.aijob.consume;

import java.time.Duration;

/**
 * How long this consumer's route takes per exchange, lately (a moving average): a poll hands over no more finished jobs
 * than the route can take within half a lease, and gives the others back at once, so that with several nodes a
 * backlog of finished jobs is shared instead of waiting, leased, behind one node's route.
 */
public final class DeliveryPace {

    /** The weight of the newest exchange in the average. */
    private static final double WEIGHT = 0.2;

    private double meanNanos;

    public synchronized void took(long nanos) {
        meanNanos = meanNanos == 0 ? nanos : meanNanos + WEIGHT * (nanos - meanNanos);
    }

    /** How many exchanges, one after the other, fit in half of {@code leaseDuration}; at least one. */
    public synchronized int deliverableWithin(Duration leaseDuration) {
        if (meanNanos <= 0) {
            return Integer.MAX_VALUE; // nothing measured yet
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, leaseDuration.toNanos() / 2 / meanNanos));
    }
}
