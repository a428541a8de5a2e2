package io.github.camelaliyun.vod.aijob.model;

import java.util.Locale;

/**
 * The status of an AI job as ListAIJob reports it. The service spells the values inconsistently
 * ({@code success}, {@code fail}, {@code init}, {@code Processing}), so they are matched ignoring case;
 * a value the service adds later becomes {@link #UNKNOWN} rather than an error, and {@link AiJob#getStatusText()}
 * keeps what the service actually sent.
 */
public enum AiJobStatus {

    SUCCESS("success", true),
    FAIL("fail", true),
    INIT("init", false),
    PROCESSING("Processing", false),
    UNKNOWN(null, false);

    private final String wireValue;
    private final boolean finished;

    AiJobStatus(String wireValue, boolean finished) {
        this.wireValue = wireValue;
        this.finished = finished;
    }

    /** The spelling the service documents, or {@code null} for {@link #UNKNOWN}. */
    public String wireValue() {
        return wireValue;
    }

    /** {@code true} for the final states: the job will not change any more. */
    public boolean isFinished() {
        return finished;
    }

    /** Maps a status text from the service; never fails, unknown or absent text gives {@link #UNKNOWN}. */
    public static AiJobStatus fromWire(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (AiJobStatus status : values()) {
            if (status.wireValue != null && status.wireValue.toLowerCase(Locale.ROOT).equals(lower)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
