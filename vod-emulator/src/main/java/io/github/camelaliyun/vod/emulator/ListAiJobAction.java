package io.github.camelaliyun.vod.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * ListAIJob as the service documents it: 1 to 10 job ids separated by commas, the jobs it knows in
 * {@code AIJobList} and the others in {@code NonExistAIJobIds}. Records each batch in {@link EmulatorStats}.
 */
final class ListAiJobAction {

    static final int MAX_JOB_IDS = 10;

    private final EmulatorStats stats;

    ListAiJobAction(EmulatorStats stats) {
        this.stats = stats;
    }

    byte[] answer(
            VerifiedCall call, String requestId, Map<String, ListAiJobReply.StoredJob> jobs, ResponseShape shape,
            Instant now) {
        String jobIds = call.params().get("JobIds");
        if (jobIds == null || jobIds.isBlank()) {
            throw new Rejection(ApiError.missingParameter("JobIds"));
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : jobIds.split(",")) {
            if (!id.isBlank()) {
                ids.add(id.trim());
            }
        }
        if (ids.size() > MAX_JOB_IDS) {
            throw new Rejection(ApiError.invalidParameter("The parameter JobIds holds " + ids.size()
                                                          + " job ids; at most " + MAX_JOB_IDS + " are allowed."));
        }
        stats.listAiJobBatch(List.copyOf(ids));
        List<ListAiJobReply.StoredJob> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            ListAiJobReply.StoredJob stored = jobs.get(id);
            if (stored != null) {
                found.add(stored);
            } else {
                missing.add(id);
            }
        }
        return ListAiJobReply.write(requestId, found, missing, shape, now);
    }
}
