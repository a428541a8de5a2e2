package io.github.camelaliyun.vod.aijob.calls;

import io.github.camelaliyun.vod.aijob.SubmitOutcomeUnknownException;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.camelaliyun.vod.aijob.client.SendAwareFuture;

/**
 * The service calls a consumer or producer is waiting for, so that stopping it ends them at once instead of letting
 * Camel's shutdown wait for a service that does not answer. Each call is failed with a {@link CancellationException}
 * that says what was stopped: the client then cancels its HTTP request, and whoever waits on the call wakes up.
 * SubmitAIJob is the exception, since its answer matters (the ids of jobs that are billed): one not yet sent (waiting
 * for its turn at the rate limiter, for credentials or for a retry) fails saying that nothing was created, one at the
 * service is given {@link #MAX_SUBMIT_GRACE_MILLIS} at most (its requestTimeout if lower) to answer.
 */
public final class CallsInFlight {

    /** The longest a SubmitAIJob already sent may still take once its producer stops. */
    public static final long MAX_SUBMIT_GRACE_MILLIS = 30_000;

    /** Each call, with what it was (for example "ListAIJob"), until it completes. */
    private final Map<CompletableFuture<?>, String> calls = new ConcurrentHashMap<>();
    private final String owner;
    private final long submitGraceMillis;
    private volatile boolean stopped;

    /** @param owner how the messages name the endpoint, for example {@code aivod-aijob:watch} */
    public CallsInFlight(String owner) {
        this(owner, MAX_SUBMIT_GRACE_MILLIS);
    }

    /** @param submitGraceMillis how long a SubmitAIJob already sent may still take after the stop (capped) */
    public CallsInFlight(String owner, long submitGraceMillis) {
        this.owner = owner;
        this.submitGraceMillis = Math.min(submitGraceMillis, MAX_SUBMIT_GRACE_MILLIS);
    }

    /** Follows {@code call} until it completes; fails it at once if this is stopped. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> call, String action) {
        calls.put(call, action);
        call.whenComplete((result, error) -> calls.remove(call));
        if (stopped) {
            stop(call, action);
        }
        return call;
    }

    /** Fails every call in flight, and any call tracked from now on, until {@link #reset()}. */
    public void stopAll() {
        stopped = true;
        calls.forEach(this::stop);
    }

    /** Lets calls run again (the consumer or producer starts or resumes). */
    public void reset() {
        stopped = false;
    }

    public boolean isStopped() {
        return stopped;
    }

    private void stop(CompletableFuture<?> call, String action) {
        if (!"SubmitAIJob".equals(action)) {
            call.completeExceptionally(new CancellationException(owner + " stopped while " + action
                                                                 + " was in flight; the call was cancelled"));
            return;
        }
        String mayExist = ". The service may have created the jobs. " + SubmitOutcomeUnknownException.WHAT_TO_DO;
        if (!(call instanceof SendAwareFuture<?> sendAware)) {
            // a client of the application's own: whether the call reached the service is not known
            call.completeExceptionally(new CancellationException(owner + " stopped while SubmitAIJob was in flight;"
                                                                 + " the call was cancelled" + mayExist));
            return;
        }
        boolean atTheService = sendAware.stopBeforeSending(new CancellationException(owner + " stopped before"
                                                                                     + " SubmitAIJob was sent: the"
                                                                                     + " service was not called and"
                                                                                     + " no job was created"));
        if (atTheService) {
            CompletableFuture.delayedExecutor(submitGraceMillis, TimeUnit.MILLISECONDS)
                    .execute(() -> call.completeExceptionally(new CancellationException(owner + " stopped while"
                                                                                        + " SubmitAIJob was in"
                                                                                        + " flight, and no answer"
                                                                                        + " came within "
                                                                                        + submitGraceMillis
                                                                                        + " ms; the call was"
                                                                                        + " cancelled" + mayExist)));
        }
    }
}
