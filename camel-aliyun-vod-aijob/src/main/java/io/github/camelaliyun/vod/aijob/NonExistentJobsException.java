package io.github.camelaliyun.vod.aijob;

import java.util.List;

/** Raised with {@code failOnNonExistent=true} when the service does not know some of the ids asked about. */
public class NonExistentJobsException extends RuntimeException {

    private final List<String> jobIds;

    public NonExistentJobsException(List<String> jobIds, int asked, List<String> requestIds) {
        super("The service does not know " + jobIds.size() + " of the " + asked + " job ids asked: " + jobIds
              + " (failOnNonExistent=true; RequestIds=" + requestIds + ")");
        this.jobIds = List.copyOf(jobIds);
    }

    public List<String> getJobIds() {
        return jobIds;
    }
}
