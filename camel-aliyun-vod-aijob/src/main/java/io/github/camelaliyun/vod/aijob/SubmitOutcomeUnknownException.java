package io.github.camelaliyun.vod.aijob;

/**
 * A submitAiJob refused to call SubmitAIJob again for a video because an earlier SubmitAIJob for it, on the same
 * exchange, ended without a known outcome: the jobs may exist and be billed. Camel's redelivery (or a route that sends
 * the same exchange again) would otherwise pay twice. The cause is the earlier failure.
 */
public class SubmitOutcomeUnknownException extends IllegalStateException {

    private final String mediaId;

    public SubmitOutcomeUnknownException(String message, String mediaId, Throwable earlierFailure) {
        super(message, earlierFailure);
        this.mediaId = mediaId;
    }

    /** The video whose jobs may exist. */
    public String getMediaId() {
        return mediaId;
    }
}
