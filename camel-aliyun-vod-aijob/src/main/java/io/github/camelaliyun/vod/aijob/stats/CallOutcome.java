package io.github.camelaliyun.vod.aijob.stats;

/** How a call to the service ended, after its retries: the values of the {@code outcome} tag. */
public enum CallOutcome {
    /** Answered at the first attempt. */
    ok,
    /** Answered after one or more retries. */
    retried,
    /** Failed, the last attempt throttled by the service. */
    throttled,
    /** Failed otherwise (error, no reply, no credentials). */
    failed
}
