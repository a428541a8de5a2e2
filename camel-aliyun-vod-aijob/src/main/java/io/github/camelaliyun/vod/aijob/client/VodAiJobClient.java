package io.github.camelaliyun.vod.aijob.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;
import io.github.camelaliyun.vod.aijob.model.SubmitAiJobResult;

/**
 * Talks to the AI job API of ApsaraVideo VOD. The component creates an {@link HttpVodAiJobClient}; bind your own
 * implementation in the registry to replace it (it is autowired).
 */
public interface VodAiJobClient extends AutoCloseable {

    /**
     * Asks about 1 to 10 job ids in one ListAIJob call, retrying what the retry policy allows.
     *
     * @throws IllegalArgumentException when the list is empty, holds more than 10 ids or a blank id (before sending)
     * @throws VodAiJobException        when the call failed for good
     */
    default ListAiJobsResult listAiJobs(List<String> jobIds) {
        try {
            return listAiJobsAsync(jobIds).get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for ListAIJob", e);
        }
    }

    /**
     * Like {@link #listAiJobs(List)}, without blocking: the future completes with the result or with a
     * {@link VodAiJobException}. Invalid input throws at once, before anything is sent.
     */
    CompletableFuture<ListAiJobsResult> listAiJobsAsync(List<String> jobIds);

    /**
     * Starts AI jobs on one video (SubmitAIJob): one job per type. Not idempotent: the call is retried only when the
     * service surely did not act on it; otherwise the future fails with a {@link VodAiJobException} saying that the
     * jobs may have been created.
     */
    CompletableFuture<SubmitAiJobResult> submitAiJobAsync(SubmitAiJobRequest request);

    /**
     * Sets where and how VOD posts its event callbacks (SetMessageCallback); the future completes with the call's
     * RequestId. Idempotent (the same settings again change nothing), so it is retried like ListAIJob. A client of
     * your own that does not implement it fails the future with {@link UnsupportedOperationException}.
     */
    default CompletableFuture<String> setMessageCallbackAsync(SetMessageCallbackRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getName()
                                                                                + " does not implement"
                                                                                + " SetMessageCallback"));
    }

    /** Releases what the client owns; a client sharing the component's connection pool leaves the pool open. */
    @Override
    void close();

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
    }
}
