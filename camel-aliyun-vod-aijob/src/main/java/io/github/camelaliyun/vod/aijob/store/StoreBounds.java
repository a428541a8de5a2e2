package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;

/**
 * How long, and how many, of a label's {@link AiJobStore#deliveredLately jobs delivered lately} and
 * {@link AiJobStore#rememberEarlyEvent early events} the stores of this component keep: the same on every store, so
 * that one node, a restarted node and N nodes protect alike.
 *
 * @param deliveredRetention  how long a completion is remembered
 * @param deliveredPerLabel   at most this many completions are remembered per label by the memory and file stores
 *                            (the oldest go first; entries come only from real completions, so no flood of events
 *                            can push them out); the database keeps every completion of the retention
 * @param earlyEventExpiry    how long an early event is remembered
 * @param earlyEventsPerLabel at most this many early events per label: when reached, new ones are refused, the
 *                            remembered ones stay
 */
public record StoreBounds(Duration deliveredRetention, int deliveredPerLabel, Duration earlyEventExpiry,
        int earlyEventsPerLabel) {

    public static final Duration DELIVERED_RETENTION = Duration.ofHours(1);
    public static final int DELIVERED_PER_LABEL = 100_000;
    public static final Duration EARLY_EVENT_EXPIRY = Duration.ofMinutes(10);
    public static final int EARLY_EVENTS_PER_LABEL = 10_000;

    /** The bounds of the stores of this component. */
    public static final StoreBounds DEFAULT = new StoreBounds(DELIVERED_RETENTION, DELIVERED_PER_LABEL,
            EARLY_EVENT_EXPIRY, EARLY_EVENTS_PER_LABEL);

    public StoreBounds {
        if (deliveredRetention.isNegative() || earlyEventExpiry.isNegative() || deliveredPerLabel < 0
            || earlyEventsPerLabel < 0) {
            throw new IllegalArgumentException("Store bounds must not be negative");
        }
    }
}
