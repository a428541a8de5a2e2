package io.github.camelaliyun.vod.aijob.stats;

import java.time.Instant;

/**
 * What the consumer's last poll of a label did.
 *
 * @param time      when its ListAIJob calls came back
 * @param jobsAsked the pending jobs it asked about
 * @param calls     the ListAIJob calls it made (each after its retries)
 * @param errors    of those, the calls that failed: their jobs stay pending for the next poll
 * @param delivered the finished jobs it handed to the route
 * @param failure   the error code (or exception) of the first failed call, or {@code null}
 */
public record LastPoll(Instant time, int jobsAsked, int calls, int errors, int delivered, String failure) {
}
