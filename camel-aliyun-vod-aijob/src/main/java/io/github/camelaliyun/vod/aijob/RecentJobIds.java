package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Job ids seen lately, in this JVM, each kept for {@code keep}, at most {@code maxJobs} of them (the oldest go first).
 * A label has two: the jobs it delivered (a late copy of a delivered job's VOD event must not track it again with
 * {@code callbackTrackUnknownJobs}), and the jobs whose event came before they were tracked (a job submitted in one
 * route and tracked later, through a queue say, may finish first: tracked, it is due at once instead of at its first
 * check).
 */
final class RecentJobIds {

    private final int maxJobs;
    private final long keepMillis;
    /** Job id to when it was seen, oldest first. */
    private final LinkedHashMap<String, Long> seenAt = new LinkedHashMap<>();

    RecentJobIds(int maxJobs, Duration keep) {
        this.maxJobs = maxJobs;
        this.keepMillis = keep.toMillis();
    }

    synchronized void add(String jobId, long nowMillis) {
        seenAt.remove(jobId);
        seenAt.put(jobId, nowMillis);
        Iterator<Map.Entry<String, Long>> oldest = seenAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> entry = oldest.next();
            if (seenAt.size() <= maxJobs && entry.getValue() >= nowMillis - keepMillis) {
                break;
            }
            oldest.remove();
        }
    }

    synchronized boolean contains(String jobId, long nowMillis) {
        Long at = seenAt.get(jobId);
        return at != null && at >= nowMillis - keepMillis;
    }

    /** Whether the id was seen lately, forgetting it. */
    synchronized boolean take(String jobId, long nowMillis) {
        Long at = seenAt.remove(jobId);
        return at != null && at >= nowMillis - keepMillis;
    }
}
