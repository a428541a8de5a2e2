package io.github.camelaliyun.vod.aijob;

import java.util.concurrent.CompletionException;

/** The failure a {@link java.util.concurrent.CompletableFuture} stage was handed, without the wrapper it adds. */
final class AsyncFailures {

    private AsyncFailures() {
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
