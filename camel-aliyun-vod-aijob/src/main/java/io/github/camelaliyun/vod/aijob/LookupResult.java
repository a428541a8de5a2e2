package io.github.camelaliyun.vod.aijob;

import java.util.List;

import io.github.camelaliyun.vod.aijob.model.AiJob;

/**
 * What a lookup of any number of ids found, over all its ListAIJob calls: the jobs and the non-existent ids in the
 * order the ids were given, and the request id of each call in batch order.
 */
public record LookupResult(List<AiJob> jobs, List<String> nonExistentIds, List<String> requestIds) {

    public LookupResult {
        jobs = List.copyOf(jobs);
        nonExistentIds = List.copyOf(nonExistentIds);
        requestIds = List.copyOf(requestIds);
    }
}
