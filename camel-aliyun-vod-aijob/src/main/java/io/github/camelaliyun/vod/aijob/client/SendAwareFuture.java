package io.github.camelaliyun.vod.aijob.client;

import java.util.concurrent.CompletableFuture;

/**
 * The result of a call that is not idempotent (SubmitAIJob), which knows whether an attempt of it is at the service:
 * whoever stops it can then tell "not sent, nothing created" from "sent, the jobs may exist", and let a sent attempt
 * finish, since its answer (the job ids) matters. A stop asked while nothing is sent fails it at once; asked while an
 * attempt is out, it fails it when that attempt ends in a retry instead of a result (a retry is only made when the
 * service surely did not act).
 */
public final class SendAwareFuture<T> extends CompletableFuture<T> {

    private boolean sent;
    private Throwable stopBeforeSending;

    /** Called just before an attempt goes out: false when the call is already done (stopped), so it must not go. */
    synchronized boolean markSent() {
        if (isDone()) {
            return false;
        }
        sent = true;
        return true;
    }

    /** The attempt out ended without acting on the service and a retry will follow; fails if a stop was asked. */
    void markNotSent() {
        Throwable failure;
        synchronized (this) {
            sent = false;
            failure = stopBeforeSending;
        }
        if (failure != null) {
            completeExceptionally(failure);
        }
    }

    /**
     * Stops the call before it (or its next attempt) is sent: fails it with {@code notSent} now if no attempt is
     * out, else when the attempt out ends in a retry. Returns whether an attempt is out (it goes on).
     */
    public boolean stopBeforeSending(Throwable notSent) {
        synchronized (this) {
            if (sent) {
                stopBeforeSending = notSent;
                return true;
            }
        }
        completeExceptionally(notSent);
        return false;
    }
}
