package io.github.camelaliyun.vod.aijob;

/**
 * A submitAiJob refused to call SubmitAIJob again for a video because an earlier SubmitAIJob for it, on the same
 * exchange or for an earlier delivery of the same consumed job, ended without a known outcome: the jobs may exist and
 * be billed. Camel's redelivery, the consumer's next delivery of a job whose route failed, or a route that sends the
 * same exchange again would otherwise pay twice. The cause is the earlier failure.
 */
public class SubmitOutcomeUnknownException extends IllegalStateException {

    /** What a caller can do about jobs that may exist, without their ids. */
    public static final String WHAT_TO_DO = "Check for them in the VOD console (AI jobs of the video) before submitting"
                                     + " again; this component cannot look jobs up by media id (ListAIJob needs"
                                     + " job ids), and the RequestId, when one was received, lets Alibaba Cloud"
                                     + " support find the call";

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
