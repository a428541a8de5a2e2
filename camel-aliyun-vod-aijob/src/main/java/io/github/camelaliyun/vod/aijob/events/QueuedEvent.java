package io.github.camelaliyun.vod.aijob.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;

/**
 * What one message of VOD's MNS queue says. VOD writes the event's JSON, as it posts it to an HTTP callback, either as
 * it is or Base64-encoded (as the MNS SDKs encode bodies by default): both are read. An event of another type
 * (VideoAIComplete, AIMediaAuditComplete, FileUploadComplete, ...) is {@link Kind#OTHER_TYPE}, not an error; a message
 * that is no event at all is {@link Kind#POISON}.
 *
 * @param kind    what the message is
 * @param type    the EventType, when there is one
 * @param jobId   the JobId of an AI job event
 * @param problem why a poison message is not an event
 * @param job     the finished job as the event tells it (status, MediaId, Data or Code and Message, EventTime), for
 *                {@code eventQueueTrustEvents}; {@code null} when the event says no final status
 */
public record QueuedEvent(Kind kind, String type, String jobId, String problem, AiJob job) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind {
        /** The completion of an AI job of a type this component submits: its JobId is due. */
        AI_JOB,
        /** A VOD event of another type: nothing to do. */
        OTHER_TYPE,
        /** Not a VOD event: not JSON (nor Base64 of it), no EventType, or an AI job event without a JobId. */
        POISON
    }

    public static QueuedEvent parse(String body) {
        String text = body == null ? "" : body.strip();
        JsonNode event = json(text);
        if (event == null && !text.isEmpty() && !text.startsWith("{")) {
            try {
                event = json(new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8).strip());
            } catch (IllegalArgumentException notBase64) {
                event = null;
            }
        }
        if (event == null || !event.isObject()) {
            return new QueuedEvent(Kind.POISON, null, null, "not a JSON object (nor the Base64 of one)", null);
        }
        if (!event.path("EventType").isTextual() || event.get("EventType").asText().isBlank()) {
            return new QueuedEvent(Kind.POISON, null, null, "a JSON object without EventType", null);
        }
        String type = event.get("EventType").asText();
        if (!VodApi.AI_JOB_EVENTS.contains(type)) {
            return new QueuedEvent(Kind.OTHER_TYPE, type, null, null, null);
        }
        String jobId = event.path("JobId").isValueNode() ? event.get("JobId").asText("").strip() : "";
        if (jobId.isEmpty() || jobId.length() > VodApi.MAX_ID_LENGTH) {
            return new QueuedEvent(Kind.POISON, type, null, "an event of type " + type + " without a usable JobId", null);
        }
        return new QueuedEvent(Kind.AI_JOB, type, jobId, null, job(event, type, jobId));
    }

    /** The job the event describes, or {@code null} when its Status is not a final one. */
    private static AiJob job(JsonNode event, String type, String jobId) {
        AiJobStatus status = AiJobStatus.fromWire(event.path("Status").asText(null));
        if (!status.isFinished()) {
            return null;
        }
        AiJob.Builder job = AiJob.builder(jobId).status(status)
                .type(type.substring(0, type.length() - "Complete".length()));
        if (event.path("MediaId").isTextual()) {
            job.mediaId(event.get("MediaId").asText());
        }
        try {
            if (event.path("EventTime").isTextual()) {
                job.completeTime(Instant.parse(event.get("EventTime").asText()));
            }
        } catch (DateTimeParseException ignored) {
            // the time is only informative
        }
        JsonNode data = event.path("Data");
        if (data.isTextual()) {
            job.data(data.asText());
        } else if (data.isContainerNode()) {
            job.data(data.toString());
        }
        if (event.path("Code").isValueNode()) {
            job.code(event.get("Code").asText());
        }
        if (event.path("Message").isTextual()) {
            job.message(event.get("Message").asText());
        }
        return job.build();
    }

    private static JsonNode json(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
