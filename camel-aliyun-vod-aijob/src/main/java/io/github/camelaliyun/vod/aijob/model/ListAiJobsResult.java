package io.github.camelaliyun.vod.aijob.model;

import java.util.List;

/**
 * What one ListAIJob call answered: the request id (quote it to Alibaba Cloud support), the jobs found, and the ids
 * the service does not know.
 */
public final class ListAiJobsResult {

    private final String requestId;
    private final List<AiJob> jobs;
    private final List<String> nonExistentJobIds;

    public ListAiJobsResult(String requestId, List<AiJob> jobs, List<String> nonExistentJobIds) {
        this.requestId = requestId;
        this.jobs = List.copyOf(jobs);
        this.nonExistentJobIds = List.copyOf(nonExistentJobIds);
    }

    public String getRequestId() {
        return requestId;
    }

    public List<AiJob> getJobs() {
        return jobs;
    }

    public List<String> getNonExistentJobIds() {
        return nonExistentJobIds;
    }

    @Override
    public String toString() {
        return "ListAiJobsResult[requestId=" + requestId + ", jobs=" + jobs.size() + ", nonExistent="
               + nonExistentJobIds + "]";
    }
}
