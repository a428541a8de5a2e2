package io.github.camelaliyun.vod.aijob.client;

/**
 * Told what happens to the calls of an {@link HttpVodAiJobClient}, for statistics: each failed attempt, and how each
 * call ended. Called on the client's I/O and timer threads, so an implementation only counts and never blocks. Holds no
 * job ids and no credentials: what a listener gets is safe to show to an operator.
 */
public interface CallListener {

    /** Counts nothing. */
    CallListener NONE = new CallListener() {
    };

    /**
     * An attempt failed.
     *
     * @param httpStatus the reply's status, 0 when there was no reply
     * @param errorCode  the service's error code, or the client's ({@code IOError}, {@code ConnectFailed}, ...)
     * @param retrying   whether another attempt follows
     */
    default void attemptFailed(String action, int httpStatus, String errorCode, boolean retrying) {
    }

    /**
     * A call ended: with an answer ({@code errorCode} null) or a failure, after {@code attempts} attempts. A call
     * cancelled by its caller or by the component's stop ends without this.
     */
    default void callEnded(String action, int attempts, String errorCode) {
    }

    /** Whether an error code is the service's throttling ({@code Throttling}, {@code Throttling.User}, ...). */
    static boolean isThrottling(String errorCode) {
        return errorCode != null && errorCode.startsWith("Throttling");
    }
}
