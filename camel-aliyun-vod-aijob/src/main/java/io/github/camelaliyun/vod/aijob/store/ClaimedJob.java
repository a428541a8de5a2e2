package io.github.camelaliyun.vod.aijob.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A pending job leased to one consumer by {@link AiJobStore#claim}. The token names this one lease: a
 * {@link AiJobStore#complete complete}, {@link AiJobStore#release release} or {@link AiJobStore#renew renew} with it is
 * refused once another claim took the job (after the lease expired) or the job was removed.
 *
 * @param jobId         the job
 * @param addedAtMillis when it was added, by the store's clock
 * @param deliveries    how often it was delivered before without success (its exchange failed); the delivery now
 *                      about to happen is number {@code deliveries + 1}
 * @param leaseToken    this lease
 * @param claimedAtMillis when it was claimed, by the store's clock: {@code claimedAt - addedAt} is the job's age with
 *                      no node's clock involved
 */
public record ClaimedJob(String jobId, long addedAtMillis, int deliveries, String leaseToken, long claimedAtMillis) {

    public Instant addedAt() {
        return Instant.ofEpochMilli(addedAtMillis);
    }

    /** How long the job has been pending when it was claimed. */
    public Duration age() {
        return Duration.ofMillis(Math.max(0, claimedAtMillis - addedAtMillis));
    }
}
