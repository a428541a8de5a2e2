package io.github.camelaliyun.vod.aijob.client;

import java.util.concurrent.TimeUnit;

/**
 * Spaces calls evenly so that a burst is smoothed instead of throttled by the service: {@code rate} calls are spread
 * over 1.1 seconds, one every {@code 1.1 s / rate}. It works at two points of a call:
 * <ul>
 * <li>{@link #reserve()}, before the call asks for a connection: spreads a burst out over time without holding
 * connections;</li>
 * <li>{@link #gate()}, once the connection is ready and the request is about to be written: keeps the calls that were
 * held up on the way (opening connections, a GC pause) from reaching the service together.</li>
 * </ul>
 * The extra tenth of a second is a guard against what happens after the request is written (the network, the
 * service's own dispatch). Thread-safe; callers wait by scheduling, never by blocking.
 */
public final class RateLimiter {

    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1100);

    private int permitsPerSecond;
    private long intervalNanos;
    private final Slots reservations = new Slots();
    private final Slots sends = new Slots();

    /** A sequence of slots an interval apart: the next free one, never in the past. */
    private static final class Slots {
        private long nextNanos = Long.MIN_VALUE;

        /** Takes the next free slot; returns how many nanoseconds from now it starts. */
        long take(long intervalNanos) {
            long now = System.nanoTime();
            long at = nextNanos == Long.MIN_VALUE || nextNanos - now < 0 ? now : nextNanos;
            nextNanos = at + intervalNanos;
            return at - now;
        }
    }

    public RateLimiter(int permitsPerSecond) {
        if (permitsPerSecond < 1) {
            throw new IllegalArgumentException("maxRequestsPerSecond must be 1 or more, was " + permitsPerSecond);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.intervalNanos = intervalNanos(permitsPerSecond);
    }

    private static long intervalNanos(int permitsPerSecond) {
        return WINDOW_NANOS / permitsPerSecond;
    }

    /** Lowers the rate, never raises it: a limiter shared by several users keeps to the strictest of them. */
    public synchronized void lowerTo(int permitsPerSecond) {
        if (permitsPerSecond >= 1 && permitsPerSecond < this.permitsPerSecond) {
            this.permitsPerSecond = permitsPerSecond;
            this.intervalNanos = intervalNanos(permitsPerSecond);
        }
    }

    /** The calls a second this limiter allows now (the lowest any of its users asked for), for operators. */
    public synchronized int permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes the next free slot; returns how many nanoseconds from now it starts (0 when it is free now). */
    public synchronized long reserve() {
        return reservations.take(intervalNanos);
    }

    /** Like {@link #reserve()}, for the moment of writing: how long to wait so that writes stay an interval apart. */
    public synchronized long gate() {
        return sends.take(intervalNanos);
    }
}
