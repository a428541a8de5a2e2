package io.github.camelaliyun.vod.aijob.store;

import java.time.Instant;

/**
 * A job the consumer is waiting for: its id, when it was added, and its place in the store's order (for paging).
 * Only ids and times are held, never parsed jobs, so a store of 100,000 pending jobs stays small.
 */
public record PendingJob(long sequence, String jobId, long addedAtMillis) {

    public Instant addedAt() {
        return Instant.ofEpochMilli(addedAtMillis);
    }
}
