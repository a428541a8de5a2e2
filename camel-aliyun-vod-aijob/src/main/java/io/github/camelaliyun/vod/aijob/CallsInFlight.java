package io.github.camelaliyun.vod.aijob;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service calls a consumer or producer is waiting for, so that stopping it ends them at once instead of letting
 * Camel's shutdown wait for a service that does not answer. Each call is failed with a {@link CancellationException}
 * that says what was stopped: the client then cancels its HTTP request, and whoever waits on the call wakes up.
 */
final class CallsInFlight {

    /** Each call, with what it was (for example "ListAIJob"), until it completes. */
    private final Map<CompletableFuture<?>, String> calls = new ConcurrentHashMap<>();
    private final String owner;
    private volatile boolean stopped;

    /** @param owner how the messages name the endpoint, for example {@code aivod-aijob:watch} */
    CallsInFlight(String owner) {
        this.owner = owner;
    }

    /** Follows {@code call} until it completes; fails it at once if this is stopped. */
    <T> CompletableFuture<T> track(CompletableFuture<T> call, String action) {
        calls.put(call, action);
        call.whenComplete((result, error) -> calls.remove(call));
        if (stopped) {
            stop(call, action);
        }
        return call;
    }

    /** Fails every call in flight, and any call tracked from now on, until {@link #reset()}. */
    void stopAll() {
        stopped = true;
        calls.forEach(this::stop);
    }

    /** Lets calls run again (the consumer or producer starts or resumes). */
    void reset() {
        stopped = false;
    }

    boolean isStopped() {
        return stopped;
    }

    private void stop(CompletableFuture<?> call, String action) {
        String message = owner + " stopped while " + action + " was in flight; the call was cancelled";
        if ("SubmitAIJob".equals(action)) {
            message += ". The service may have created the jobs: look them up before submitting again";
        }
        call.completeExceptionally(new CancellationException(message));
    }
}
