package io.github.camelaliyun.vod.aijob.model;

/**
 * Thrown by {@link AiJob#getDataAsJson()} when the job's {@code Data} is not valid JSON. It concerns one job only:
 * the raw text stays available through {@link AiJob#getData()}.
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
