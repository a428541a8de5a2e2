package io.github.camelaliyun.vod.aijob.submit;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.camelaliyun.vod.aijob.client.SubmitAiJobRequest;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;
import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;

/**
 * The text form of a consumed job's {@link SubmitLedger}, as the job store keeps it: a JSON array with one object per
 * earlier call (the request, the result when known, the failure's message). A failure read back is a plain exception
 * with the message of the original: the store keeps no stack traces.
 */
public final class SubmitLedgerText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmitLedgerText() {
    }

    public static String write(List<SubmitLedger.Entry> entries) {
        ArrayNode array = JSON.createArrayNode();
        for (SubmitLedger.Entry entry : entries) {
            ObjectNode node = array.addObject();
            SubmitAiJobRequest request = entry.request();
            node.put("mediaId", request.mediaId());
            request.types().forEach(node.putArray("types")::add);
            node.put("config", request.config());
            node.put("userData", request.userData());
            if (entry.result() != null) {
                node.put("requestId", entry.result().requestId());
                ArrayNode jobs = node.putArray("jobs");
                for (SubmittedAiJob job : entry.result().jobs()) {
                    jobs.addObject().put("jobId", job.jobId()).put("mediaId", job.mediaId()).put("type", job.type());
                }
            }
            if (entry.failure() != null) {
                node.put("failure", String.valueOf(entry.failure().getMessage()));
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a submit ledger: " + e.getMessage(), e);
        }
    }

    /** The entries of a stored ledger; none for null. */
    public static List<SubmitLedger.Entry> read(String text) {
        List<SubmitLedger.Entry> entries = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return entries;
        }
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The job store holds a submit ledger that is not valid JSON: "
                                            + e.getOriginalMessage(), e);
        }
        for (JsonNode node : array) {
            List<String> types = new ArrayList<>();
            node.path("types").forEach(type -> types.add(type.asText()));
            SubmitAiJobRequest request = new SubmitAiJobRequest(node.path("mediaId").asText(), types,
                    textOrNull(node, "config"), textOrNull(node, "userData"));
            SubmitAiJobResult result = null;
            if (node.has("jobs")) {
                List<SubmittedAiJob> jobs = new ArrayList<>();
                node.get("jobs").forEach(job -> jobs.add(new SubmittedAiJob(job.path("jobId").asText(),
                        textOrNull(job, "mediaId"), textOrNull(job, "type"))));
                result = new SubmitAiJobResult(textOrNull(node, "requestId"), jobs);
            }
            String failure = textOrNull(node, "failure");
            entries.add(new SubmitLedger.Entry(request, result,
                    failure == null ? null : new IllegalStateException(failure)));
        }
        return entries;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
