package io.github.camelaliyun.vod.aijob.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.model.result.MediaDnaResult;
import io.github.camelaliyun.vod.aijob.model.result.VideoTagResult;

/**
 * One AI job as ListAIJob describes it. Immutable. The raw {@code Data} string is always kept: the service documents
 * it as JSON but has published samples that are not, so parsing it is left to {@link #getDataAsJson()},
 * {@link #getVideoTagResult()} and {@link #getMediaDnaResult()}, which fail for this job alone (and read it once).
 * <p>
 * Its JSON is fixed here, by annotations, so that any Jackson mapper writes and reads the same thing whatever its
 * modules and features (Camel's {@code marshal().json()}, a plain {@code ObjectMapper}, one with JavaTimeModule):
 * times as ISO-8601 strings, {@code status} as the {@link AiJobStatus} name, {@code data} as the raw string, no
 * derived property ({@code finished}, {@code dataAsJson}); {@code statusText} only for {@link AiJobStatus#UNKNOWN},
 * the text the service sent. Only the annotated members are properties, hence the visibility of none.
 * <p>
 * The typed result is written after {@code data}, as JSON: {@code videoTagResult} or {@code mediaDnaResult}, the one
 * of the job's type, when it has {@code Data} that can be read; when it cannot, {@code dataError} says why instead
 * (writing never fails for a broken {@code Data}). Both are derived from {@code data}, so reading ignores them and
 * derives them again: a job read back equals the one written.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE,
                creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({ "jobId", "mediaId", "type", "status", "statusText", "creationTime", "completeTime", "code",
        "message", "data", "videoTagResult", "mediaDnaResult", "dataError" })
@JsonIgnoreProperties(ignoreUnknown = true)
public final class AiJob {

    /** Job types the service documents; {@link #getType()} keeps any other value as sent. */
    public static final String TYPE_MEDIA_DNA = "AIMediaDNA";
    public static final String TYPE_VIDEO_TAG = "AIVideoTag";

    private static final ObjectMapper DATA_READER = new ObjectMapper();

    private final String jobId;
    private final String mediaId;
    private final String type;
    private final AiJobStatus status;
    private final String statusText;
    private final Instant creationTime;
    private final Instant completeTime;
    private final String code;
    private final String message;
    private final String data;
    /** The typed result, read from {@code data} the first time it is asked for (an immutable value, so a race is harmless). */
    private volatile TypedData typed;

    private AiJob(Builder b) {
        this.jobId = Objects.requireNonNull(b.jobId, "jobId");
        this.mediaId = b.mediaId;
        this.type = b.type;
        this.status = b.status != null ? b.status : AiJobStatus.fromWire(b.statusText);
        // the service's own spelling matters only when this version cannot name the status
        this.statusText = this.status == AiJobStatus.UNKNOWN ? b.statusText : null;
        this.creationTime = b.creationTime;
        this.completeTime = b.completeTime;
        this.code = b.code;
        this.message = b.message;
        this.data = b.data;
    }

    public static Builder builder(String jobId) {
        return new Builder(jobId);
    }

    /** Reads the JSON that the annotated accessors write; a {@code status} that is no enum name is read as service text. */
    @JsonCreator
    static AiJob fromJson(@JsonProperty("jobId") String jobId, @JsonProperty("mediaId") String mediaId,
            @JsonProperty("type") String type, @JsonProperty("status") String status,
            @JsonProperty("statusText") String statusText, @JsonProperty("creationTime") String creationTime,
            @JsonProperty("completeTime") String completeTime, @JsonProperty("code") String code,
            @JsonProperty("message") String message, @JsonProperty("data") String data) {
        if (jobId == null) {
            throw new IllegalArgumentException("The JSON of an AiJob has no jobId");
        }
        Builder builder = builder(jobId).mediaId(mediaId).type(type)
                .creationTime(instant("creationTime", creationTime)).completeTime(instant("completeTime", completeTime))
                .code(code).message(message).data(data);
        AiJobStatus named = AiJobStatus.fromName(status);
        if (named == AiJobStatus.UNKNOWN) {
            // "UNKNOWN" with the service's text beside it, or a status text from elsewhere that no version names
            builder.statusText(AiJobStatus.UNKNOWN.name().equals(status) ? statusText : status);
        }
        return builder.status(named).build();
    }

    private static Instant instant(String field, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + " of an AiJob must be an ISO-8601 instant such as 2026-01-31T10:00:00Z, not " + text, e);
        }
    }

    @JsonProperty("jobId")
    public String getJobId() {
        return jobId;
    }

    @JsonProperty("mediaId")
    public String getMediaId() {
        return mediaId;
    }

    /** {@code AIMediaDNA}, {@code AIVideoTag}, or whatever the service sent. */
    @JsonProperty("type")
    public String getType() {
        return type;
    }

    public AiJobStatus getStatus() {
        return status;
    }

    /** The status in JSON: its name, whatever the mapper's settings for enums. */
    @JsonProperty("status")
    private String statusName() {
        return status.name();
    }

    /**
     * The text the service sent when {@link #getStatus()} is {@link AiJobStatus#UNKNOWN}; otherwise the service's
     * documented spelling of the status ({@code success}, {@code Processing}, ...). Prefer {@link #getStatus()}: the
     * consumer's status header and the JSON {@code status} hold the {@link AiJobStatus} name.
     */
    public String getStatusText() {
        return statusText != null ? statusText : status.wireValue();
    }

    /** In JSON only when the status is {@link AiJobStatus#UNKNOWN}: the one case where the name says too little. */
    @JsonProperty("statusText")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String unknownStatusText() {
        return statusText;
    }

    public Instant getCreationTime() {
        return creationTime;
    }

    /** ISO-8601, as {@link Instant#toString()} writes it, so that no time module is needed. */
    @JsonProperty("creationTime")
    private String creationTimeText() {
        return creationTime == null ? null : creationTime.toString();
    }

    public Instant getCompleteTime() {
        return completeTime;
    }

    @JsonProperty("completeTime")
    private String completeTimeText() {
        return completeTime == null ? null : completeTime.toString();
    }

    /** The error code; the service sets it when the job failed (and sometimes {@code "0"} on success). */
    @JsonProperty("code")
    public String getCode() {
        return code;
    }

    @JsonProperty("message")
    public String getMessage() {
        return message;
    }

    /** The raw {@code Data} string, exactly as received; may be {@code null}. */
    @JsonProperty("data")
    public String getData() {
        return data;
    }

    /** {@code true} once the job succeeded or failed. */
    public boolean isFinished() {
        return status.isFinished();
    }

    /**
     * {@code Data} parsed as JSON, or {@code null} when the job has no data.
     *
     * @throws AiJobDataException when {@code Data} is not valid JSON; {@link #getData()} still has the raw text
     */
    public JsonNode getDataAsJson() {
        if (data == null || data.isBlank()) {
            return null;
        }
        return toJson(data);
    }

    private JsonNode toJson(String text) {
        try {
            return DATA_READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AiJobDataException(jobId,
                    "Data of AI job " + jobId + " is not valid JSON (" + e.getOriginalMessage()
                                                + "); the raw text is still available from AiJob.getData()",
                    e);
        }
    }

    /**
     * The smart-tagging result: tags by category with their times, and the recognised speech. Empty for a job of
     * another type or without {@code Data} (not finished, failed).
     *
     * @throws AiJobDataException when this job's {@code Data} cannot be read (not JSON, or a field of the wrong
     *                            kind); {@link #getData()} still has the raw text
     */
    public VideoTagResult getVideoTagResult() {
        return typed().videoTag();
    }

    /**
     * The fingerprinting result: the similar videos with their similarity and shared stretches. Empty for a job of
     * another type, without {@code Data}, or when nothing matched.
     *
     * @throws AiJobDataException when this job's {@code Data} cannot be read; {@link #getData()} still has the raw text
     */
    public MediaDnaResult getMediaDnaResult() {
        return typed().mediaDna();
    }

    /**
     * Why this job's {@code Data} cannot be read as its type's result, or {@code null} when it can (or there is
     * nothing to read). Never throws: a route can test it before asking for the result.
     */
    public String getDataError() {
        AiJobDataException problem = typed().problem();
        return problem == null ? null : problem.getMessage();
    }

    @JsonProperty("videoTagResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private VideoTagResult videoTagResultJson() {
        TypedData t = typed();
        return t.problem() == null && TYPE_VIDEO_TAG.equals(type) && t.hasData() ? t.tagResult() : null;
    }

    @JsonProperty("mediaDnaResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private MediaDnaResult mediaDnaResultJson() {
        TypedData t = typed();
        return t.problem() == null && TYPE_MEDIA_DNA.equals(type) && t.hasData() ? t.dnaResult() : null;
    }

    @JsonProperty("dataError")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String dataErrorJson() {
        return getDataError();
    }

    private TypedData typed() {
        TypedData t = typed;
        if (t == null) {
            t = TypedData.read(this);
            typed = t;
        }
        return t;
    }

    /** The typed view of {@code data}, or why there is none. */
    private record TypedData(boolean hasData, VideoTagResult tagResult, MediaDnaResult dnaResult,
            AiJobDataException problem) {

        static TypedData read(AiJob job) {
            boolean typeKnown = TYPE_VIDEO_TAG.equals(job.type) || TYPE_MEDIA_DNA.equals(job.type);
            if (!typeKnown || job.data == null || job.data.isBlank()) {
                return new TypedData(false, VideoTagResult.EMPTY, MediaDnaResult.EMPTY, null);
            }
            try {
                JsonNode root = job.getDataAsJson();
                if (root.isTextual()) { // Data sent as a JSON string holding the JSON
                    root = job.toJson(root.asText());
                }
                return TYPE_VIDEO_TAG.equals(job.type)
                        ? new TypedData(true, VideoTagResult.fromData(root), MediaDnaResult.EMPTY, null)
                        : new TypedData(true, VideoTagResult.EMPTY, MediaDnaResult.fromData(root), null);
            } catch (AiJobDataException e) {
                return broken(job, e);
            } catch (IllegalArgumentException e) {
                return broken(job, new AiJobDataException(job.jobId,
                        "Data of " + job.type + " job " + job.jobId + " cannot be read: " + e.getMessage()
                                                                     + "; the raw text is still available from AiJob.getData()",
                        e));
            }
        }

        /** The job's own type has no result (its getter throws); the other type's is empty, as for any job. */
        private static TypedData broken(AiJob job, AiJobDataException problem) {
            return TYPE_VIDEO_TAG.equals(job.type)
                    ? new TypedData(true, null, MediaDnaResult.EMPTY, problem)
                    : new TypedData(true, VideoTagResult.EMPTY, null, problem);
        }

        VideoTagResult videoTag() {
            if (tagResult == null) {
                throwProblem();
            }
            return tagResult;
        }

        MediaDnaResult mediaDna() {
            if (dnaResult == null) {
                throwProblem();
            }
            return dnaResult;
        }

        /** A new exception at each call, so that its stack trace shows who asked; the first one is its cause. */
        private void throwProblem() {
            if (problem != null) {
                throw new AiJobDataException(problem.getJobId(), problem.getMessage(), problem);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AiJob)) {
            return false;
        }
        AiJob other = (AiJob) o;
        return jobId.equals(other.jobId) && Objects.equals(mediaId, other.mediaId) && Objects.equals(type, other.type)
                && status == other.status && Objects.equals(statusText, other.statusText)
                && Objects.equals(creationTime, other.creationTime) && Objects.equals(completeTime, other.completeTime)
                && Objects.equals(code, other.code) && Objects.equals(message, other.message)
                && Objects.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, status, completeTime);
    }

    /** Short on purpose: it ends up in logs, one line per job. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96).append("AiJob[").append(jobId).append(' ').append(type)
                .append(' ').append(status.name());
        if (statusText != null) {
            sb.append('(').append(statusText).append(')');
        }
        if (mediaId != null) {
            sb.append(" media=").append(mediaId);
        }
        if (status == AiJobStatus.FAIL) {
            sb.append(" code=").append(code).append(" message=").append(message);
        }
        return sb.append(']').toString();
    }

    /** Builds an {@link AiJob}; used by the response parser and by tests. */
    public static final class Builder {
        private final String jobId;
        private String mediaId;
        private String type;
        private AiJobStatus status;
        private String statusText;
        private Instant creationTime;
        private Instant completeTime;
        private String code;
        private String message;
        private String data;

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

        /** Sets the status from the service's text; see {@link AiJobStatus#fromWire(String)}. */
        public Builder statusText(String statusText) {
            this.statusText = statusText;
            this.status = null;
            return this;
        }

        public Builder status(AiJobStatus status) {
            this.status = status;
            return this;
        }

        public Builder creationTime(Instant creationTime) {
            this.creationTime = creationTime;
            return this;
        }

        public Builder completeTime(Instant completeTime) {
            this.completeTime = completeTime;
            return this;
        }

        public Builder code(String code) {
            this.code = code;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
            return this;
        }

        public Builder data(String data) {
            this.data = data;
            return this;
        }

        public AiJob build() {
            return new AiJob(this);
        }
    }
}
