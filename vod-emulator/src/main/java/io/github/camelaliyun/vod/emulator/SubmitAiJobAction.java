package io.github.camelaliyun.vod.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SubmitAIJob as the service documents it: one job per requested type, the parameter checks, smart tagging only
 * where it is offered, and at most 30 calls a second per access key (more are throttled with {@code Throttling.User}).
 */
final class SubmitAiJobAction {

    static final int CALLS_PER_SECOND = 30;
    static final Set<String> TYPES = Set.of(EmulatedJob.TYPE_MEDIA_DNA, EmulatedJob.TYPE_VIDEO_TAG);
    static final Set<String> VIDEO_TAG_REGIONS = Set.of("cn-beijing", "cn-shanghai");
    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Deque<Long>> recentCallsByKey = new HashMap<>();

    byte[] answer(
            VerifiedCall call, String requestId, String region, SubmittedJobFactory factory, Consumer<EmulatedJob> jobs) {
        throttleAbove30PerSecond(call.accessKeyId());
        String mediaId = required(call, "MediaId");
        Set<String> types = new LinkedHashSet<>();
        for (String type : required(call, "Types").split(",")) {
            String t = type.trim();
            if (!TYPES.contains(t)) {
                throw new Rejection(ApiError.invalidParameter("The parameter Types holds '" + t
                                                              + "'; valid types are AIMediaDNA and AIVideoTag."));
            }
            types.add(t);
        }
        if (types.contains(EmulatedJob.TYPE_VIDEO_TAG) && !VIDEO_TAG_REGIONS.contains(region)) {
            throw new Rejection(new ApiError(403, "Forbidden.RegionNotSupported",
                    "AIVideoTag (smart tagging) is not offered in region " + region + "."));
        }
        checkJson(call, "Config");
        checkJson(call, "UserData");
        String userData = call.params().get("UserData");
        if (userData != null && userData.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw new Rejection(ApiError.invalidParameter("The parameter UserData exceeds 512 bytes."));
        }

        ObjectNode root = JSON.createObjectNode();
        root.put("RequestId", requestId);
        ArrayNode list = root.putObject("AIJobList").putArray("AIJob");
        List<EmulatedJob> created = new ArrayList<>();
        for (String type : types) {
            String jobId = UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            created.add(factory.create(jobId, mediaId, type).withSubmittedConfig(call.params().get("Config")));
            list.addObject().put("JobId", jobId).put("MediaId", mediaId).put("Type", type);
        }
        created.forEach(jobs);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void throttleAbove30PerSecond(String accessKeyId) {
        long now = System.nanoTime();
        Deque<Long> recent = recentCallsByKey.computeIfAbsent(accessKeyId, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && now - recent.peekFirst() >= ONE_SECOND) {
            recent.pollFirst();
        }
        if (recent.size() >= CALLS_PER_SECOND) {
            throw new Rejection(ApiError.throttled());
        }
        recent.addLast(now);
    }

    synchronized void reset() {
        recentCallsByKey.clear();
    }

    private static String required(VerifiedCall call, String name) {
        String value = call.params().get(name);
        if (value == null || value.isBlank()) {
            throw new Rejection(ApiError.missingParameter(name));
        }
        return value;
    }

    private static void checkJson(VerifiedCall call, String name) {
        String value = call.params().get(name);
        if (value == null) {
            return;
        }
        try {
            JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new Rejection(ApiError.invalidParameter("The parameter " + name + " is not valid JSON."));
        }
    }
}
