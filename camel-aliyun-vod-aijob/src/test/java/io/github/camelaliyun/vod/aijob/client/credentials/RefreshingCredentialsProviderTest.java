package io.github.camelaliyun.vod.aijob.client.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When a refresh starts, who waits for it, and what happens when it fails: with a clock the test moves and fetches it
 * completes by hand, so nothing here depends on timing.
 */
class RefreshingCredentialsProviderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test sets. */
    private static final class SetClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** A source whose fetches stay pending until the test completes them. */
    private static final class HandSource implements CredentialsSource {
        final List<CompletableFuture<AlibabaCloudCredentials>> fetches = new ArrayList<>();

        @Override
        public String name() {
            return "hand source";
        }

        @Override
        public synchronized CompletableFuture<AlibabaCloudCredentials> fetch() {
            CompletableFuture<AlibabaCloudCredentials> f = new CompletableFuture<>();
            fetches.add(f);
            return f;
        }

        synchronized CompletableFuture<AlibabaCloudCredentials> last() {
            return fetches.get(fetches.size() - 1);
        }
    }

    private final SetClock clock = new SetClock();
    private final HandSource source = new HandSource();
    private final RefreshingCredentialsProvider provider = new RefreshingCredentialsProvider(source, clock);

    private static AlibabaCloudCredentials creds(String id, Instant expiration) {
        return new AlibabaCloudCredentials(id, id + "-secret", id + "-token", expiration);
    }

    /** The first call waits for the first fetch: completed here before the call, so it does not block. */
    private void prime(String id, Duration lifetime) {
        CompletableFuture<AlibabaCloudCredentials> first = provider.refresh();
        source.last().complete(creds(id, clock.instant().plus(lifetime)));
        assertThat(first).isCompleted();
        assertThat(provider.credentials().accessKeyId()).isEqualTo(id);
    }

    @Test
    void refreshIsDueFifteenMinutesBeforeExpiryOrHalfwayForShortLives() {
        assertThat(RefreshingCredentialsProvider.refreshAt(creds("a", T0.plus(Duration.ofHours(1))), T0))
                .isEqualTo(T0.plus(Duration.ofMinutes(45)));
        assertThat(RefreshingCredentialsProvider.refreshAt(creds("a", T0.plus(Duration.ofSeconds(4))), T0))
                .isEqualTo(T0.plus(Duration.ofSeconds(2)));
        assertThat(RefreshingCredentialsProvider.refreshAt(new AlibabaCloudCredentials("k", "s", null), T0))
                .isEqualTo(Instant.MAX);
    }

    @Test
    void oneRefreshAtATimeWhileEveryCallSignsWithTheCurrentCredentials() {
        prime("first", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(44));
        provider.credentials();
        assertThat(source.fetches).as("not due yet").hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 5; i++) {
            assertThat(provider.credentials().accessKeyId()).isEqualTo("first");
        }
        assertThat(source.fetches).as("one fetch for five calls").hasSize(2);

        source.last().complete(creds("second", clock.instant().plus(Duration.ofHours(1))));
        assertThat(provider.credentials().accessKeyId()).as("used at once").isEqualTo("second");
        assertThat(source.fetches).hasSize(2);
    }

    @Test
    void aFailedRefreshBeforeExpiryKeepsTheCurrentCredentialsAndIsTriedAgainLater() {
        prime("first", Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(50));
        provider.credentials();
        source.last().completeExceptionally(new CredentialsFetchException("hand source",
                "STS AssumeRole answered HTTP 503 ServiceUnavailable (RequestId R-1)", "ServiceUnavailable", "R-1",
                null));

        assertThat(provider.credentials().accessKeyId()).isEqualTo("first");
        assertThat(source.fetches).as("paused after the failure").hasSize(2);
        clock.advance(Duration.ofSeconds(11));
        assertThat(provider.credentials().accessKeyId()).isEqualTo("first");
        assertThat(source.fetches).as("tried again after the pause").hasSize(3);
    }

    @Test
    void afterExpiryCallsFailNamingTheProviderTheCodeAndTheRequestId() {
        prime("first", Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));
        CompletableFuture<AlibabaCloudCredentials> failing = new CompletableFuture<>();
        failing.completeExceptionally(new CredentialsFetchException("hand source",
                "STS AssumeRoleWithOIDC answered HTTP 400 InvalidParameter.OIDCToken (RequestId R-2)",
                "InvalidParameter.OIDCToken", "R-2", null));
        RefreshingCredentialsProvider expired = new RefreshingCredentialsProvider(new CredentialsSource() {
            private boolean first = true;

            @Override
            public String name() {
                return "OIDC role (ALIBABA_CLOUD_ROLE_ARN)";
            }

            @Override
            public CompletableFuture<AlibabaCloudCredentials> fetch() {
                if (first) {
                    first = false;
                    return CompletableFuture.completedFuture(creds("old", T0.plus(Duration.ofHours(1))));
                }
                return failing;
            }
        }, clock);
        clock.now = T0;
        assertThat(expired.credentials().accessKeyId()).isEqualTo("old");
        clock.advance(Duration.ofHours(2));

        assertThatThrownBy(expired::credentials).isInstanceOf(CredentialsFetchException.class)
                .hasMessageContaining("OIDC role (ALIBABA_CLOUD_ROLE_ARN) expired at 2026-01-01T01:00:00Z")
                .hasMessageContaining("InvalidParameter.OIDCToken").hasMessageContaining("R-2")
                .satisfies(e -> assertThat(((CredentialsFetchException) e).getRequestId()).isEqualTo("R-2"));
    }

    @Test
    void afterExpiryTheAsynchronousCallersWaitForTheRefreshWithoutBlocking() {
        prime("first", Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));

        CompletableFuture<AlibabaCloudCredentials> a = provider.credentialsAsync();
        CompletableFuture<AlibabaCloudCredentials> b = provider.credentialsAsync();
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
        assertThat(source.fetches).as("one fetch for both").hasSize(2);
        source.last().complete(creds("second", clock.instant().plus(Duration.ofHours(1))));

        assertThat(a.join().accessKeyId()).isEqualTo("second");
        assertThat(b.join().accessKeyId()).isEqualTo("second");
    }

    @Test
    void longTermKeysAreFetchedOnce() {
        CompletableFuture<AlibabaCloudCredentials> first = provider.refresh();
        source.last().complete(new AlibabaCloudCredentials("ak", "sk", null));
        assertThat(first).isCompleted();
        clock.advance(Duration.ofDays(400));
        assertThat(provider.credentials().accessKeyId()).isEqualTo("ak");
        assertThat(source.fetches).hasSize(1);
    }
}
