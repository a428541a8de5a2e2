package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs a label delivered lately, in this JVM: a job leaves the store once delivered, so without this a late copy
 * of its VOD event (VOD sends duplicates, and tries again when its first try got no 200 in time) would look like an
 * event for a job never tracked, and {@code callbackTrackUnknownJobs} would track and deliver it again. Kept for an
 * hour, at most {@value #MAX_JOBS} jobs (the oldest go first); an event older than {@code callbackTimestampWindow}
 * is refused anyway.
 */
final class RecentlyDelivered {

    static final int MAX_JOBS = 100_000;
    private static final long KEEP_MILLIS = Duration.ofHours(1).toMillis();

    /** Job id to when it was delivered, oldest first. */
    private final LinkedHashMap<String, Long> deliveredAt = new LinkedHashMap<>();

    synchronized void add(String jobId, long nowMillis) {
        deliveredAt.remove(jobId);
        deliveredAt.put(jobId, nowMillis);
        Iterator<Map.Entry<String, Long>> oldest = deliveredAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (deliveredAt.size() <= MAX_JOBS && entry.getValue() >= nowMillis - KEEP_MILLIS) {
                break;
            }
            oldest.remove();
        }
    }

    synchronized boolean contains(String jobId, long nowMillis) {
        Long at = deliveredAt.get(jobId);
        return at != null && at >= nowMillis - KEEP_MILLIS;
    }
}
