package io.github.camelaliyun.vod.aijob.client;

import java.util.List;
import java.util.Map;

/**
 * A VOD call that failed for good: after the retries the policy allowed, or at once for errors that retrying cannot
 * fix. Carries what a person needs to act on it, the HTTP status, the service's error {@code Code} and
 * {@code Message}, the {@code RequestId} to quote to support, and the job ids of the call; never a secret.
 */
public class VodAiJobException extends RuntimeException {

    /** The code used when the service's reply could not be read as the documented JSON. */
    public static final String CODE_MALFORMED_RESPONSE = "MalformedResponse";
    /** The code used when the call was sent but no (complete) reply arrived: dropped connection, timeout. */
    public static final String CODE_IO_ERROR = "IOError";
    /** The code used when no connection could be made: the call never left this machine. */
    public static final String CODE_CONNECT_FAILED = "ConnectFailed";
    /**
     * The code used when the credentials provider gave no credentials (expired and not refreshed, say): the call was
     * not sent. The message names the provider and, when STS or the metadata service answered, its code and request id.
     */
    public static final String CODE_CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";

    private static final Map<String, String> HINTS = Map.of(
            "SignatureDoesNotMatch", "check that secretKey (the AccessKey Secret) belongs to accessKeyId; a secret"
                                     + " typed into an endpoint URI is URI-decoded (+ becomes a space, %41 an A): write it"
                                     + " as secretKey=#property:<property name>, or secretKey=RAW(...)",
            "InvalidAccessKeyId.NotFound", "check accessKeyId (or ALIBABA_CLOUD_ACCESS_KEY_ID)",
            "InvalidAccessKeyId.Inactive", "the access key is disabled; enable it or use another one",
            "InvalidTimeStamp.Expired", "the local clock differs from the service's by more than 15 minutes",
            "InvalidSecurityToken.Expired", "the STS security token expired; refresh the temporary credentials",
            "InvalidSecurityToken.MismatchWithAccessKey",
            "the sessionToken (STS SecurityToken) does not belong to this access key");

    private final String action;
    private final int httpStatus;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final int attempts;
    private final List<String> jobIds;

    /**
     * @param subject what the call was about, for the message: {@code "job ids [a, b]"}, {@code "media id m1"}
     * @param jobIds  the job ids of the call, when it was about job ids
     */
    public VodAiJobException(String action, String subject, List<String> jobIds, int httpStatus, String errorCode,
                             String errorMessage, String requestId, int attempts, Throwable cause) {
        super(describe(action, subject, httpStatus, errorCode, errorMessage, requestId, attempts), cause);
        this.action = action;
        this.jobIds = jobIds == null ? List.of() : List.copyOf(jobIds);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
        this.attempts = attempts;
    }

    private static String describe(
            String action, String subject, int httpStatus, String errorCode, String errorMessage,
            String requestId, int attempts) {
        StringBuilder sb = new StringBuilder(160).append(action).append(" failed");
        if (subject != null && !subject.isEmpty()) {
            sb.append(" for ").append(subject);
        }
        sb.append(": ").append(errorCode);
        if (httpStatus > 0) {
            sb.append(" (HTTP ").append(httpStatus).append(')');
        }
        if (errorMessage != null && !errorMessage.isBlank()) {
            sb.append(": ").append(errorMessage.strip());
        }
        String hint = errorCode == null ? null : HINTS.get(errorCode);
        if (hint != null) {
            sb.append(" [").append(hint).append(']');
        }
        sb.append("; RequestId=").append(requestId == null ? "none" : requestId);
        sb.append(", attempts=").append(attempts);
        return sb.toString();
    }

    /** The API action, for example {@code ListAIJob}. */
    public String getAction() {
        return action;
    }

    /** The HTTP status of the last reply, or 0 when no reply arrived. */
    public int getHttpStatus() {
        return httpStatus;
    }

    /**
     * The service's error {@code Code}, or {@link #CODE_IO_ERROR}, {@link #CODE_CONNECT_FAILED},
     * {@link #CODE_MALFORMED_RESPONSE} when the service did not answer with one.
     */
    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    /** The {@code RequestId} of the last reply, or {@code null} when there was none. */
    public String getRequestId() {
        return requestId;
    }

    /** How many times the call was sent; more than 1 means it was retried. */
    public int getAttempts() {
        return attempts;
    }

    public boolean wasRetried() {
        return attempts > 1;
    }

    /** The job ids of the failed call (empty for a call about something else, such as SubmitAIJob). */
    public List<String> getJobIds() {
        return jobIds;
    }
}
