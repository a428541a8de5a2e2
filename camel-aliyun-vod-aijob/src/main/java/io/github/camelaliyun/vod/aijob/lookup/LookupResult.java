package io.github.camelaliyun.vod.aijob.lookup;

import java.util.List;
import java.util.Map;

import io.github.camelaliyun.vod.aijob.model.AiJob;

/**
 * What a lookup of any number of ids found, over all its ListAIJob calls: the jobs and the non-existent ids in the
 * order the ids were given, the request id of each call in batch order, and for each job found the request id of the
 * call that returned it. When failed batches are tolerated (the consumer), the ids of those batches are
 * {@code unansweredIds} and {@code firstFailure} says why; otherwise both are empty.
 */
public record LookupResult(
        List<AiJob> jobs, List<String> nonExistentIds, List<String> requestIds, Map<String, String> requestIdByJobId,
        List<String> unansweredIds, Throwable firstFailure) {

    public static final LookupResult EMPTY = new LookupResult(List.of(), List.of(), List.of(), Map.of(), List.of(), null);

    public LookupResult {
        jobs = List.copyOf(jobs);
        nonExistentIds = List.copyOf(nonExistentIds);
        requestIds = List.copyOf(requestIds);
        requestIdByJobId = Map.copyOf(requestIdByJobId);
        unansweredIds = List.copyOf(unansweredIds);
    }
}
