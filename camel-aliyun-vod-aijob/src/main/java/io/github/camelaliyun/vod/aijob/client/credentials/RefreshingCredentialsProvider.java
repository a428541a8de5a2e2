package io.github.camelaliyun.vod.aijob.client.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;

/**
 * Holds the credentials of a {@link CredentialsSource} and refreshes them before they expire, on demand: the call
 * that finds them due for a refresh starts one fetch (asynchronous, through the component's HTTP client) and signs
 * with the current credentials, as every other call does until the new ones arrive. Nothing runs between calls, so
 * no thread outlives the component.
 * <p>
 * Refresh is due 15 minutes before expiry (as in Alibaba's own libraries), or halfway through the lifetime of
 * credentials that live less than 30 minutes. A failed refresh keeps the current credentials, with a WARN, and is
 * tried again after a pause; only once they have expired do calls wait for a fetch (without blocking, through
 * {@link #credentialsAsync()}, which the client uses), and fail when it fails.
 */
public final class RefreshingCredentialsProvider implements CredentialsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshingCredentialsProvider.class);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(15);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(10);
    private static final long MAX_WAIT_SECONDS = 60;

    /** Credentials in use, when to refresh them, and not before when to try again after a failed refresh. */
    private record Held(AlibabaCloudCredentials credentials, Instant refreshAt, Instant nextAttemptAt) {
    }

    private final CredentialsSource source;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<AlibabaCloudCredentials>> inFlight = new AtomicReference<>();
    private volatile Held held;

    public RefreshingCredentialsProvider(CredentialsSource source) {
        this(source, Clock.systemUTC());
    }

    RefreshingCredentialsProvider(CredentialsSource source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public String name() {
        return source.name();
    }

    @Override
    public AlibabaCloudCredentials credentials() {
        Held current = held;
        AlibabaCloudCredentials usable = usable(current);
        return usable != null ? usable : awaitFresh(current);
    }

    /** Without blocking: the current credentials, or (expired, or none yet) the refresh that brings new ones. */
    @Override
    public CompletableFuture<AlibabaCloudCredentials> credentialsAsync() {
        Held current = held;
        AlibabaCloudCredentials usable = usable(current);
        if (usable != null) {
            return CompletableFuture.completedFuture(usable);
        }
        CompletableFuture<AlibabaCloudCredentials> fresh = new CompletableFuture<>();
        refresh().whenComplete((c, e) -> {
            if (e == null) {
                fresh.complete(c);
            } else {
                fresh.completeExceptionally(failure(current, unwrap(e)));
            }
        });
        return fresh;
    }

    /** The held credentials while they last (starting a refresh when one is due), else {@code null}. */
    private AlibabaCloudCredentials usable(Held current) {
        if (current == null) {
            return null;
        }
        Instant expiration = current.credentials().expiration();
        if (expiration == null) {
            return current.credentials();
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiration)) {
            return null;
        }
        if (!now.isBefore(current.refreshAt()) && !now.isBefore(current.nextAttemptAt())) {
            refresh();
        }
        return current.credentials();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** No usable credentials (none yet, or expired): this call waits for the fetch, the one in flight or a new one. */
    private AlibabaCloudCredentials awaitFresh(Held previous) {
        try {
            return refresh().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw failure(previous, unwrap(e.getCause() != null ? e.getCause() : e));
        } catch (TimeoutException e) {
            throw failure(previous, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(previous, e);
        }
    }

    private CredentialsFetchException failure(Held previous, Throwable cause) {
        String why = describe(cause);
        String what = previous == null
                ? "Cannot get Alibaba Cloud credentials from " + source.name() + ": "
                : "The Alibaba Cloud credentials from " + source.name() + " expired at "
                  + previous.credentials().expiration() + " and could not be refreshed: ";
        if (cause instanceof CredentialsFetchException f) {
            return new CredentialsFetchException(source.name(), what + why, f.getErrorCode(), f.getRequestId(), f);
        }
        return new CredentialsFetchException(source.name(), what + why, null, null, cause);
    }

    static String describe(Throwable cause) {
        cause = unwrap(cause);
        if (cause instanceof CredentialsFetchException) {
            return cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message != null ? " (" + message + ")" : "");
    }

    /** Starts a fetch unless one is in flight; either way, answers the fetch in flight. */
    CompletableFuture<AlibabaCloudCredentials> refresh() {
        CompletableFuture<AlibabaCloudCredentials> mine = new CompletableFuture<>();
        CompletableFuture<AlibabaCloudCredentials> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<AlibabaCloudCredentials> fetch;
        try {
            fetch = source.fetch();
        } catch (RuntimeException e) {
            fetch = CompletableFuture.failedFuture(e);
        }
        fetch.whenComplete((fresh, error) -> {
            Throwable cause = unwrap(error);
            if (cause == null) {
                held = new Held(fresh, refreshAt(fresh, clock.instant()), Instant.MIN);
                LOG.debug("Refreshed the Alibaba Cloud credentials from {} (access key {}, expiring {})",
                        source.name(), fresh.accessKeyId(), fresh.expiration());
            } else {
                keepCurrentAfter(cause);
            }
            inFlight.set(null);
            if (cause == null) {
                mine.complete(fresh);
            } else {
                mine.completeExceptionally(cause);
            }
        });
        return mine;
    }

    private void keepCurrentAfter(Throwable cause) {
        Held current = held;
        Instant now = clock.instant();
        if (current == null || current.credentials().expiration() == null
                || !now.isBefore(current.credentials().expiration())) {
            return; // the waiting callers get the error
        }
        Duration left = Duration.between(now, current.credentials().expiration());
        Duration pause = left.dividedBy(4).compareTo(MAX_RETRY_PAUSE) < 0 ? left.dividedBy(4) : MAX_RETRY_PAUSE;
        held = new Held(current.credentials(), current.refreshAt(), now.plus(pause));
        LOG.warn("Refreshing the Alibaba Cloud credentials from {} failed: {}; the current ones are used until they"
                 + " expire at {}, and the refresh is tried again in {} ms", source.name(), describe(cause),
                current.credentials().expiration(), pause.toMillis());
    }

    /** 15 minutes before expiry, or halfway through a lifetime shorter than 30 minutes. */
    static Instant refreshAt(AlibabaCloudCredentials credentials, Instant fetchedAt) {
        Instant expiration = credentials.expiration();
        if (expiration == null) {
            return Instant.MAX;
        }
        Duration lifetime = Duration.between(fetchedAt, expiration);
        Duration margin = lifetime.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(2) : REFRESH_MARGIN;
        return expiration.minus(margin);
    }

    @Override
    public String toString() {
        return "RefreshingCredentialsProvider[" + source.name() + "]";
    }
}
