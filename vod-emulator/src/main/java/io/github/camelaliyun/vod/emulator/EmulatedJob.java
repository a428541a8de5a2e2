package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An AI job the emulator knows, with the schedule it follows from the moment it is added: {@code init} until
 * {@link Builder#processingAfter(Duration)}, then {@code Processing} until {@link Builder#finishAfter(Duration)}, then
 * {@code success} (with its data) or {@code fail} (with its code and message). Immutable.
 * <p>
 * A job that succeeds answers with {@code Data} like the service's for its type, derived from its media id and shaped
 * by the {@code Config} it was submitted with ({@link EmulatedResults}), unless {@link Builder#succeedsWith(String)}
 * sets it.
 */
public final class EmulatedJob {

    public static final String TYPE_MEDIA_DNA = "AIMediaDNA";
    public static final String TYPE_VIDEO_TAG = "AIVideoTag";

    private final String jobId;
    private final String mediaId;
    private final String type;
    private final Duration processingAfter;
    private final Duration finishAfter;
    private final boolean fails;
    private final String failCode;
    private final String failMessage;
    private final boolean dataSet;
    private final String config;
    private final String data;

    private EmulatedJob(Builder b) {
        this.jobId = Objects.requireNonNull(b.jobId, "jobId");
        this.mediaId = b.mediaId;
        this.type = b.type;
        this.processingAfter = b.processingAfter;
        this.finishAfter = b.finishAfter;
        this.fails = b.fails;
        this.failCode = b.failCode;
        this.failMessage = b.failMessage;
        this.dataSet = b.dataSet;
        this.config = b.config;
        this.data = b.fails ? null : b.dataSet ? b.data : EmulatedResults.dataFor(b.type, b.mediaId, b.config);
    }

    /** A job that has already succeeded when it is added, unless the builder says otherwise. */
    public static Builder builder(String jobId) {
        return new Builder(jobId);
    }

    public String jobId() {
        return jobId;
    }

    public String mediaId() {
        return mediaId;
    }

    public String type() {
        return type;
    }

    /** The {@code Data} of the job once it succeeded ({@code null} for a job that fails). */
    public String data() {
        return data;
    }

    /** The {@code Config} the job was submitted with, or {@code null}. */
    public String config() {
        return config;
    }

    /** This job with the Config of its SubmitAIJob call, when the factory set neither a Config nor the Data. */
    EmulatedJob withSubmittedConfig(String submittedConfig) {
        if (submittedConfig == null || config != null || dataSet) {
            return this;
        }
        Builder b = new Builder(jobId).mediaId(mediaId).type(type).processingAfter(processingAfter)
                .config(submittedConfig);
        b.finishAfter = finishAfter;
        b.fails = fails;
        b.failCode = failCode;
        b.failMessage = failMessage;
        return b.build();
    }

    boolean fails() {
        return fails;
    }

    String failCode() {
        return failCode;
    }

    String failMessage() {
        return failMessage;
    }

    /** The status text the service would report {@code elapsed} after the job was created. */
    String statusAt(Duration elapsed) {
        if (finishAfter != null && elapsed.compareTo(finishAfter) >= 0) {
            return fails ? "fail" : "success";
        }
        return elapsed.compareTo(processingAfter) >= 0 ? "Processing" : "init";
    }

    /** When the job finishes, or {@code null} if it never does. */
    Instant completionTime(Instant created) {
        return finishAfter == null ? null : created.plus(finishAfter);
    }

    public static final class Builder {
        private final String jobId;
        private String mediaId = "media-0000";
        private String type = TYPE_VIDEO_TAG;
        private Duration processingAfter = Duration.ZERO;
        private Duration finishAfter = Duration.ZERO;
        private boolean fails;
        private String failCode;
        private String failMessage;
        private boolean dataSet;
        private String data;
        private String config;

        private Builder(String jobId) {
            this.jobId = jobId;
        }

        public Builder mediaId(String mediaId) {
            this.mediaId = mediaId;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** When the status turns from {@code init} to {@code Processing}. */
        public Builder processingAfter(Duration processingAfter) {
            this.processingAfter = processingAfter;
            return this;
        }

        /** When the job reaches its final status. */
        public Builder finishAfter(Duration finishAfter) {
            this.finishAfter = finishAfter;
            return this;
        }

        /** The job stays {@code init}/{@code Processing} for ever. */
        public Builder neverFinishes() {
            this.finishAfter = null;
            return this;
        }

        /** The job ends in {@code success} with this {@code Data} (sent as given, valid JSON or not; {@code null}: none). */
        public Builder succeedsWith(String data) {
            this.fails = false;
            this.dataSet = true;
            this.data = data;
            return this;
        }

        /** The job ends in {@code success} with the {@code Data} of the ListAIJob page's sample, which is not JSON. */
        public Builder succeedsWithPublishedSample() {
            return succeedsWith(EmulatedResults.PUBLISHED_SAMPLE_DATA);
        }

        /**
         * The job ends in {@code success} with {@code Data} like the service's, derived from the media id and the
         * Config (the default).
         */
        public Builder succeeds() {
            this.fails = false;
            this.dataSet = false;
            this.data = null;
            return this;
        }

        /**
         * The {@code Config} the job was submitted with, such as {@code {"AIVideoTag":{"AnalyseTypes":"ASR",
         * "OrigASRData":true}}}: it shapes the derived {@code Data}. SubmitAIJob sets it from its call.
         */
        public Builder config(String config) {
            this.config = config;
            return this;
        }

        /** The job ends in {@code fail} with this code and message. */
        public Builder failsWith(String code, String message) {
            this.fails = true;
            this.failCode = code;
            this.failMessage = message;
            this.dataSet = false;
            this.data = null;
            return this;
        }

        public EmulatedJob build() {
            return new EmulatedJob(this);
        }
    }
}
