package io.github.camelaliyun.vod.aijob.model;

/**
 * Thrown by {@link AiJob#getDataAsJson()} when the job's {@code Data} is not valid JSON, and by
 * {@link AiJob#getVideoTagResult()} and {@link AiJob#getMediaDnaResult()} when it cannot be read as the job's result
 * (the message names the job and the field, such as {@code Keyword[1].Times[0]}). It concerns one job only: the raw
 * text stays available through {@link AiJob#getData()}, and {@link AiJob#getDataError()} gives the message without
 * throwing.
 */
public class AiJobDataException extends IllegalStateException {

    private final String jobId;

    public AiJobDataException(String jobId, String message, Throwable cause) {
        super(message, cause);
        this.jobId = jobId;
    }

    public String getJobId() {
        return jobId;
    }
}
