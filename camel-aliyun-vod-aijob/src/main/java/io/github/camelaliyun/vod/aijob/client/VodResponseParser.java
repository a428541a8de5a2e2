package io.github.camelaliyun.vod.aijob.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;

/**
 * Reads the service's replies. ListAIJob replies come in every shape the service has been seen to use: lists wrapped in an object
 * ({@code "AIJobList": {"AIJob": [...]}}, {@code "NonExistAIJobIds": {"String": [...]}}), flat arrays, a single
 * object where a list was expected, absent lists, and a JSON array serialized as one string inside the list (as in
 * the published sample). Unknown fields are ignored and unknown status values kept: a parser that breaks on a shape
 * loses jobs.
 */
public final class VodResponseParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ListAiJobsResult parseListAiJobs(byte[] body) {
        JsonNode root = readObject(body, "ListAIJob");
        List<AiJob> jobs = new ArrayList<>();
        for (JsonNode node : elements(root.get("AIJobList"), "AIJob")) {
            jobs.add(toJob(node));
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode node : elements(root.get("NonExistAIJobIds"), "String")) {
            addIds(node, missing);
        }
        return new ListAiJobsResult(text(root, "RequestId"), jobs, missing);
    }

    /** Reads a SubmitAIJob reply: one {@code {JobId, MediaId, Type}} per job created, in any list shape. */
    public SubmitAiJobResult parseSubmitAiJob(byte[] body) {
        JsonNode root = readObject(body, "SubmitAIJob");
        List<SubmittedAiJob> jobs = new ArrayList<>();
        for (JsonNode node : elements(root.get("AIJobList"), "AIJob")) {
            String jobId = node.isObject() ? text(node, "JobId") : null;
            if (jobId == null || jobId.isBlank()) {
                throw new MalformedResponseException("SubmitAIJob reply has an AIJob entry without JobId: " + node, null);
            }
            jobs.add(new SubmittedAiJob(jobId, text(node, "MediaId"), text(node, "Type")));
        }
        if (jobs.isEmpty()) {
            throw new MalformedResponseException("SubmitAIJob reply lists no job", null);
        }
        return new SubmitAiJobResult(text(root, "RequestId"), jobs);
    }

    /** Reads the reply of an action that answers only its RequestId (SetMessageCallback). */
    public String parseSetMessageCallback(byte[] body) {
        return text(readObject(body, "SetMessageCallback"), "RequestId");
    }

    /** Reads an error body; never fails, a body that is not the documented JSON becomes the message. */
    public ServiceError parseError(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root != null && root.isObject()) {
                return new ServiceError(text(root, "RequestId"), text(root, "HostId"), text(root, "Code"),
                        text(root, "Message"), text(root, "Recommend"));
            }
        } catch (IOException e) {
            // not JSON: fall through and report the start of the body
        }
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return new ServiceError(null, null, null, raw.length() > 200 ? raw.substring(0, 200) + "..." : raw, null);
    }

    private static JsonNode readObject(byte[] body, String action) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MalformedResponseException(action + " reply is not valid JSON: " + reason(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedResponseException(action + " reply is not a JSON object", null);
        }
        return root;
    }

    /**
     * The items of a list that may come wrapped ({@code {"AIJob": [...]}}), flat, as a single item, as a string that
     * holds serialized JSON, or not at all.
     */
    private static List<JsonNode> elements(JsonNode node, String wrapper) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>(node.size());
            node.forEach(items::add);
            return items;
        }
        if (node.isObject()) {
            JsonNode inner = node.get(wrapper);
            if (inner != null) {
                return elements(inner, wrapper);
            }
            return node.isEmpty() ? List.of() : List.of(node);
        }
        if (node.isTextual() && looksLikeJson(node.asText())) {
            return elements(readEmbedded(node.asText()), wrapper);
        }
        return List.of(node);
    }

    private static void addIds(JsonNode node, List<String> into) {
        if (node.isArray()) {
            node.forEach(item -> addIds(item, into));
        } else if (node.isTextual() && looksLikeJson(node.asText())) {
            addIds(readEmbedded(node.asText()), into);
        } else if (node.isValueNode() && !node.isNull()) {
            String id = node.asText().trim();
            if (!id.isEmpty()) {
                into.add(id);
            }
        }
    }

    private static AiJob toJob(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedResponseException("ListAIJob reply has an AIJob entry that is not an object: " + node,
                    null);
        }
        String jobId = text(node, "JobId");
        if (jobId == null || jobId.isBlank()) {
            throw new MalformedResponseException("ListAIJob reply has an AIJob entry without JobId", null);
        }
        JsonNode data = node.get("Data");
        return AiJob.builder(jobId)
                .mediaId(text(node, "MediaId"))
                .type(text(node, "Type"))
                .statusText(text(node, "Status"))
                .creationTime(instant(node, "CreationTime"))
                .completeTime(instant(node, "CompleteTime"))
                .code(text(node, "Code"))
                .message(text(node, "Message"))
                .data(data == null || data.isNull() ? null : data.isTextual() ? data.asText() : data.toString())
                .build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * ISO 8601 in UTC as documented ({@code 2020-06-28T02:04:32Z}); without an offset it is read as UTC. A time in
     * another format gives {@code null}: the job itself matters more than one of its timestamps.
     */
    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String reason(IOException e) {
        return e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
    }

    private static boolean looksLikeJson(String text) {
        String t = text.trim();
        return t.startsWith("[") || t.startsWith("{");
    }

    private static JsonNode readEmbedded(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new MalformedResponseException("The reply holds a list serialized as a string that is not valid"
                                                 + " JSON: " + reason(e), e);
        }
    }
}
