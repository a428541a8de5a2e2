package io.github.camelaliyun.vod.aijob.calls;

import java.util.concurrent.CompletionException;

/** The failure a {@link java.util.concurrent.CompletableFuture} stage was handed, without the wrapper it adds. */
public final class AsyncFailures {

    private AsyncFailures() {
    }

    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
