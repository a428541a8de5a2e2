package io.github.camelaliyun.vod.aijob.model;

import java.util.List;

/** What one SubmitAIJob call answered: its request id and the jobs it created. */
public record SubmitAiJobResult(String requestId, List<SubmittedAiJob> jobs) {

    public SubmitAiJobResult {
        jobs = List.copyOf(jobs);
    }
}
