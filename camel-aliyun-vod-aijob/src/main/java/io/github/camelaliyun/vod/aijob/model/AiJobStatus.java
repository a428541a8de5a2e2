package io.github.camelaliyun.vod.aijob.model;

import java.util.Locale;

/**
 * The status of an AI job as ListAIJob reports it. The service spells the values inconsistently
 * ({@code success}, {@code fail}, {@code init}, {@code Processing}), so they are matched ignoring case;
 * a value the service adds later becomes {@link #UNKNOWN} rather than an error, and {@link AiJob#getStatusText()}
 * keeps what the service actually sent. Everywhere the component spells a status (the consumer's status header, an
 * {@code AiJob}'s JSON) it writes the {@link #name()}.
 */
public enum AiJobStatus {

    SUCCESS("success", true, true),
    FAIL("fail", true, true),
    INIT("init", false, true),
    PROCESSING("Processing", false, true),
    /** A status text the service sent that this version does not know; {@link AiJob#getStatusText()} keeps it. */
    UNKNOWN(null, false, true),
    /** Set by the consumer, never by the service: the service does not know the job id. */
    NOT_FOUND("NOT_FOUND", false, false),
    /** Set by the consumer, never by the service: the job was pending longer than {@code jobTimeout}. */
    TIMED_OUT("TIMED_OUT", false, false);

    private final String wireValue;
    private final boolean finished;
    private final boolean fromService;

    AiJobStatus(String wireValue, boolean finished, boolean fromService) {
        this.wireValue = wireValue;
        this.finished = finished;
        this.fromService = fromService;
    }

    /** The spelling the service documents (or the consumer's own name), {@code null} for {@link #UNKNOWN}. */
    public String wireValue() {
        return wireValue;
    }

    /** {@code true} for the final states: the job will not change any more. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * The status of this name, as {@link #name()} writes it (the consumer's status header, an {@code AiJob}'s JSON);
     * for any other text the status the service means by it ({@link #fromWire(String)}), {@code null} for
     * {@code null}.
     */
    public static AiJobStatus fromName(String name) {
        if (name == null) {
            return null;
        }
        for (AiJobStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return fromWire(name);
    }

    /** Maps a status text from the service; never fails, unknown or absent text gives {@link #UNKNOWN}. */
    public static AiJobStatus fromWire(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String lower = text.trim().toLowerCase(Locale.ROOT);
        for (AiJobStatus status : values()) {
            if (status.fromService && status.wireValue != null
                    && status.wireValue.toLowerCase(Locale.ROOT).equals(lower)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
