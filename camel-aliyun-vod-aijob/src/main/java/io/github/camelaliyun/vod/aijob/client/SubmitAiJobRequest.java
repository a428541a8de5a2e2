package io.github.camelaliyun.vod.aijob.client;

import java.util.List;

/**
 * A SubmitAIJob call: the video, the job types ({@code AIMediaDNA}, {@code AIVideoTag}), and optionally the
 * {@code Config} and {@code UserData} JSON strings. Checked by the producer before it gets here.
 */
public record SubmitAiJobRequest(String mediaId, List<String> types, String config, String userData) {

    public SubmitAiJobRequest {
        types = List.copyOf(types);
    }
}
