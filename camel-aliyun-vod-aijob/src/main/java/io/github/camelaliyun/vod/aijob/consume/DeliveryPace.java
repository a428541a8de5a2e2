package io.github.camelaliyun.vod.aijob.consume;

import java.time.Duration;

/**
 * How long this consumer takes to hand an exchange to its route, lately (a moving average of the time a batch took
 * over its exchanges: the route's own time when it runs on the consumer's thread, less when it hands the exchange on
 * to other threads): a poll hands over no more finished jobs than fit within half a lease at that pace, and gives the
 * others back at once, so that with several nodes a backlog of finished jobs is shared instead of waiting, leased,
 * behind one node's route.
 */
public final class DeliveryPace {

    /** The weight of the newest exchange in the average. */
    private static final double WEIGHT = 0.2;

    private double meanNanos;

    /** A batch handed {@code exchanges} exchanges over in {@code nanos}. */
    public synchronized void took(long nanos, int exchanges) {
        if (exchanges <= 0) {
            return;
        }
        double each = (double) nanos / exchanges;
        meanNanos = meanNanos == 0 ? each : meanNanos + WEIGHT * (each - meanNanos);
    }

    /** How many exchanges fit in half of {@code leaseDuration} at this pace; at least one. */
    public synchronized int deliverableWithin(Duration leaseDuration) {
        if (meanNanos <= 0) {
            return Integer.MAX_VALUE; // nothing measured yet
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, leaseDuration.toNanos() / 2 / meanNanos));
    }
}
