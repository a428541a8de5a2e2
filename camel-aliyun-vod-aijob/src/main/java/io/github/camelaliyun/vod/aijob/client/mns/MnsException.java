package io.github.camelaliyun.vod.aijob.client.mns;

import java.util.Set;

/**
 * A failed MNS call: the service's error code (or {@link #CODE_IO_ERROR} when no answer came), the HTTP status, the
 * request id, and the queue. The message says what to check; it never holds a credential.
 */
public class MnsException extends RuntimeException {

    /** No answer: the connection failed or timed out. */
    public static final String CODE_IO_ERROR = "IOError";
    /** An answer that is not the XML MNS sends. */
    public static final String CODE_MALFORMED_RESPONSE = "MalformedResponse";

    private static final Set<String> RETRYABLE_CODES = Set.of("InternalError", "ServiceUnavailable",
            "QpsLimitExceeded", "Throttling", "TooManyRequests", CODE_IO_ERROR, CODE_MALFORMED_RESPONSE);

    private final String errorCode;
    private final int httpStatus;
    private final String requestId;
    private final String queue;

    public MnsException(String queue, String errorCode, int httpStatus, String requestId, String message,
                        Throwable cause) {
        super(describe(queue, errorCode, httpStatus, requestId, message), cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.queue = queue;
    }

    private static String describe(String queue, String code, int status, String requestId, String message) {
        String hint = switch (code) {
            case "QueueNotExist" -> ": the queue does not exist in this account and region (check eventQueue and"
                                    + " eventQueueEndpoint, and create the queue)";
            case "AccessDenied" -> ": the credentials may not read or delete this queue's messages (grant"
                                   + " mns:BatchReceiveMessage and mns:BatchDeleteMessage on it)";
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" -> ": MNS refused the credentials (check the access"
                                                                  + " key and its secret)";
            case "TimeExpired" -> ": this machine's clock is more than 15 minutes off";
            default -> "";
        };
        return "MNS queue " + queue + ": " + code + (status > 0 ? " (HTTP " + status + ")" : "")
               + (message == null || message.isBlank() ? "" : ", " + message)
               + (requestId == null ? "" : ", RequestId " + requestId) + hint;
    }

    public String getErrorCode() {
        return errorCode;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int getHttpStatus() {
        return httpStatus;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getQueue() {
        return queue;
    }

    /** Whether the same call may succeed when sent again: throttling, server errors, no answer. */
    public boolean isRetryable() {
        return RETRYABLE_CODES.contains(errorCode) || httpStatus == 429 || httpStatus >= 500;
    }
}
