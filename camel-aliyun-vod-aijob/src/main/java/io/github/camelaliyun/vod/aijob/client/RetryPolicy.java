package io.github.camelaliyun.vod.aijob.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures are worth sending again, and how long to wait first: exponential backoff capped at a maximum, with
 * jitter so that many clients throttled at once do not come back at once. Authentication and parameter errors are
 * never retried: the same request would fail the same way.
 */
public final class RetryPolicy {

    private static final Set<String> NEVER_RETRY_PREFIXES = Set.of(
            "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "Forbidden", "InvalidParameter",
            "MissingParameter", "InvalidSecurityToken", "InvalidAction", "InvalidVersion");
    /** Refused before the service acted on the call: sending it again cannot do anything twice. */
    private static final Set<String> NOT_PROCESSED_CODES = Set.of(
            "ServiceUnavailable", "SignatureNonceUsed", "InvalidTimeStamp.Expired",
            VodAiJobException.CODE_CONNECT_FAILED);
    /** The call may have been carried out: worth repeating only when repeating is harmless (a read). */
    private static final Set<String> UNKNOWN_OUTCOME_CODES = Set.of(
            "InternalError", VodAiJobException.CODE_IO_ERROR, VodAiJobException.CODE_MALFORMED_RESPONSE);

    private final int maxRetries;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private final double multiplier;

    public RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, double multiplier) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("retryBackoffMultiplier must be 1 or more, was " + multiplier);
        }
        this.maxRetries = maxRetries;
        this.initialDelayMillis = initialDelay.toMillis();
        this.maxDelayMillis = Math.max(initialDelay.toMillis(), maxDelay.toMillis());
        this.multiplier = multiplier;
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10), 2.0);
    }

    public int maxRetries() {
        return maxRetries;
    }

    /**
     * {@code true} when sending the same (freshly signed) request again may succeed and is safe.
     *
     * @param idempotent whether carrying the call out twice is harmless: true for ListAIJob; false for SubmitAIJob,
     *                   which is retried only when the service surely did not act on it (throttled, unavailable,
     *                   refused nonce or timestamp, no connection)
     */
    public boolean isRetryable(int httpStatus, String errorCode, boolean idempotent) {
        if (errorCode != null) {
            for (String prefix : NEVER_RETRY_PREFIXES) {
                if (errorCode.startsWith(prefix)) {
                    return false;
                }
            }
            if (errorCode.startsWith("Throttling") || NOT_PROCESSED_CODES.contains(errorCode)) {
                return true;
            }
            if (UNKNOWN_OUTCOME_CODES.contains(errorCode)) {
                return idempotent;
            }
        }
        if (httpStatus == 429 || httpStatus == 503) {
            return true;
        }
        return idempotent && (httpStatus >= 500 || httpStatus == 408);
    }

    /** {@code true} when a failure with this code leaves open whether the service carried the call out. */
    public static boolean outcomeUnknown(int httpStatus, String errorCode) {
        if (errorCode != null && (errorCode.startsWith("Throttling") || NOT_PROCESSED_CODES.contains(errorCode))) {
            return false;
        }
        return (errorCode != null && UNKNOWN_OUTCOME_CODES.contains(errorCode))
                || (httpStatus >= 500 && httpStatus != 503) || httpStatus == 408;
    }

    /** Delay before retry number {@code retry} (1 for the first retry): between half and all of the capped backoff. */
    public long delayMillis(int retry) {
        double backoff = initialDelayMillis * Math.pow(multiplier, Math.max(0, retry - 1));
        long capped = (long) Math.min(maxDelayMillis, backoff);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
