package io.github.camelaliyun.vod.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a ListAIJob reply in one of the {@link ResponseShape}s. */
final class ListAiJobReply {

    /** A job as stored: its definition and when it was added. */
    record StoredJob(EmulatedJob job, Instant created) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ListAiJobReply() {
    }

    static byte[] write(String requestId, List<StoredJob> found, List<String> missing, ResponseShape shape, Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("RequestId", requestId);

        ArrayNode ids = MAPPER.createArrayNode();
        if (shape == ResponseShape.PUBLISHED_SAMPLE && !missing.isEmpty()) {
            ArrayNode inner = MAPPER.createArrayNode();
            missing.forEach(inner::add);
            ids.add(inner.toString().replace(",", ", "));
        } else {
            missing.forEach(ids::add);
        }
        ArrayNode jobs = MAPPER.createArrayNode();
        for (StoredJob stored : found) {
            jobs.add(jobNode(stored, now));
        }
        put(root, "NonExistAIJobIds", "String", ids, shape);
        put(root, "AIJobList", "AIJob", jobs, shape);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode root, String field, String wrapper, ArrayNode items, ResponseShape shape) {
        switch (shape) {
            case FLAT -> root.set(field, items);
            case OMIT_EMPTY -> {
                if (!items.isEmpty()) {
                    root.putObject(field).set(wrapper, items);
                }
            }
            case SINGLE_ITEM_UNWRAPPED -> root.putObject(field).set(wrapper, items.size() == 1 ? items.get(0) : items);
            default -> root.putObject(field).set(wrapper, items);
        }
    }

    private static ObjectNode jobNode(StoredJob stored, Instant now) {
        EmulatedJob job = stored.job();
        String status = job.statusAt(Duration.between(stored.created(), now));
        ObjectNode node = MAPPER.createObjectNode();
        node.put("JobId", job.jobId());
        node.put("MediaId", job.mediaId());
        node.put("Type", job.type());
        node.put("Status", status);
        node.put("CreationTime", EmulatorClock.format(stored.created()));
        if ("success".equals(status)) {
            node.put("CompleteTime", EmulatorClock.format(job.completionTime(stored.created())));
            node.put("Code", "0");
            node.put("Message", "OK");
            if (job.data() != null) {
                node.put("Data", job.data());
            }
        } else if ("fail".equals(status)) {
            node.put("CompleteTime", EmulatorClock.format(job.completionTime(stored.created())));
            node.put("Code", job.failCode());
            node.put("Message", job.failMessage());
        }
        return node;
    }
}
