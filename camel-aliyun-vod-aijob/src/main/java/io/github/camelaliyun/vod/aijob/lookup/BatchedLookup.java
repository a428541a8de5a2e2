package io.github.camelaliyun.vod.aijob.lookup;

import io.github.camelaliyun.vod.aijob.calls.AsyncFailures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;

/**
 * Asks about any number of unique ids in batches of at most {@code batchSize}, with at most {@code maxConcurrent}
 * calls in flight, without blocking a thread. By default the first batch that fails for good fails the whole lookup
 * (no further batch is started): a partial result is never passed off as complete. The consumer instead tolerates
 * failed batches: their ids come back as unanswered and stay pending, so one unlucky batch cannot hold up all the
 * others poll after poll.
 */
public final class BatchedLookup {

    private final VodAiJobClient client;
    private final List<String> ids;
    private final List<List<String>> batches;
    private final int maxConcurrent;
    private final boolean tolerateFailedBatches;
    private final ListAiJobsResult[] results;
    private final Throwable[] failures;
    private final CompletableFuture<LookupResult> done = new CompletableFuture<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    /** The calls started and not known to be complete: cancelled when the lookup ends early (fails, is stopped). */
    private final List<CompletableFuture<ListAiJobsResult>> calls = new ArrayList<>();
    private int nextBatch;
    private int inFlight;

    private BatchedLookup(
            VodAiJobClient client, List<String> ids, int batchSize, int maxConcurrent, boolean tolerateFailedBatches) {
        this.client = client;
        this.ids = ids;
        this.maxConcurrent = maxConcurrent;
        this.tolerateFailedBatches = tolerateFailedBatches;
        this.batches = new ArrayList<>((ids.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < ids.size(); from += batchSize) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + batchSize)));
        }
        this.results = new ListAiJobsResult[batches.size()];
        this.failures = new Throwable[batches.size()];
    }

    /** @param uniqueIds ids without duplicates, in the order the result should keep */
    public static CompletableFuture<LookupResult> run(
            VodAiJobClient client, List<String> uniqueIds, int batchSize, int maxConcurrent) {
        return run(client, uniqueIds, batchSize, maxConcurrent, false);
    }

    /** Like {@link #run(VodAiJobClient, List, int, int)}; with {@code tolerateFailedBatches}, see the class comment. */
    public static CompletableFuture<LookupResult> run(
            VodAiJobClient client, List<String> uniqueIds, int batchSize, int maxConcurrent,
            boolean tolerateFailedBatches) {
        BatchedLookup lookup
                = new BatchedLookup(client, List.copyOf(uniqueIds), batchSize, maxConcurrent, tolerateFailedBatches);
        if (lookup.batches.isEmpty()) {
            lookup.done.complete(LookupResult.EMPTY);
        } else {
            lookup.done.whenComplete((result, error) -> {
                if (error != null) {
                    lookup.cancelCalls();
                }
            });
            lookup.drain();
        }
        return lookup.done;
    }

    /**
     * Starts batches while there is room. Completions call back in here from I/O threads, possibly while another
     * thread is inside: the counter makes one thread at a time do the work, in a loop rather than by recursion, so a
     * client that answers at once cannot overflow the stack.
     */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        do {
            while (!done.isDone()) {
                int index;
                synchronized (this) {
                    if (inFlight >= maxConcurrent || nextBatch >= batches.size()) {
                        break;
                    }
                    index = nextBatch++;
                    inFlight++;
                }
                start(index);
            }
        } while (drainRequests.decrementAndGet() != 0);
    }

    private void start(int index) {
        CompletableFuture<ListAiJobsResult> call;
        try {
            call = client.listAiJobsAsync(batches.get(index));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        synchronized (this) {
            calls.add(call);
        }
        if (done.isDone()) {
            call.cancel(true);
        }
        call.whenComplete((result, error) -> {
            Throwable cause = AsyncFailures.unwrap(error);
            if (cause != null && !tolerateFailedBatches) {
                done.completeExceptionally(cause);
                return;
            }
            results[index] = result;
            failures[index] = cause;
            synchronized (this) {
                inFlight--;
            }
            if (finished.incrementAndGet() == batches.size()) {
                done.complete(assemble());
            } else {
                drain();
            }
        });
    }

    /** Cancels the calls still running: the client then cancels their HTTP requests. */
    private void cancelCalls() {
        List<CompletableFuture<ListAiJobsResult>> started;
        synchronized (this) {
            started = new ArrayList<>(calls);
        }
        started.forEach(call -> call.cancel(true));
    }

    private LookupResult assemble() {
        Map<String, AiJob> byId = new HashMap<>(ids.size() * 2);
        Map<String, String> requestIdByJobId = new HashMap<>(ids.size() * 2);
        List<String> requestIds = new ArrayList<>(results.length);
        Set<String> unanswered = new LinkedHashSet<>();
        Throwable firstFailure = null;
        for (int i = 0; i < results.length; i++) {
            if (failures[i] != null) {
                unanswered.addAll(batches.get(i));
                firstFailure = firstFailure == null ? failures[i] : firstFailure;
                continue;
            }
            ListAiJobsResult result = results[i];
            requestIds.add(result.getRequestId());
            for (AiJob job : result.getJobs()) {
                byId.put(job.getJobId(), job);
                if (result.getRequestId() != null) {
                    requestIdByJobId.put(job.getJobId(), result.getRequestId());
                }
            }
        }
        List<AiJob> jobs = new ArrayList<>(byId.size());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            AiJob job = byId.get(id);
            if (job != null) {
                jobs.add(job);
            } else if (!unanswered.contains(id)) {
                // listed as non-existent, or (never seen) left out of the reply altogether: either way not found
                missing.add(id);
            }
        }
        return new LookupResult(jobs, missing, requestIds, requestIdByJobId, new ArrayList<>(unanswered), firstFailure);
    }
}
