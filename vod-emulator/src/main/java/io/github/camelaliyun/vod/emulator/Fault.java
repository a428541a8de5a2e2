package io.github.camelaliyun.vod.emulator;

/** What the emulator can do to a call instead of answering it properly. */
public enum Fault {
    /** HTTP 503 with {@code Throttling.User}. */
    THROTTLE,
    /** HTTP 500 with {@code InternalError}. */
    SERVER_ERROR,
    /** HTTP 200 with a body that is not JSON. */
    MALFORMED_JSON,
    /** The connection closes in the middle of the reply. */
    DROP_CONNECTION,
    /** The reply comes only after {@link Faults#slowDelay(java.time.Duration)}. */
    SLOW
}
