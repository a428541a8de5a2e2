package io.github.camelaliyun.vod.aijob.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** What one {@link HttpVodAiJobClient} needs: where to call, as whom, how to sign, and how long to wait and retry. */
public final class VodAiJobClientSettings {

    private final URI endpoint;
    private final CredentialsProvider credentialsProvider;
    private final SignatureAlgorithm signatureAlgorithm;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final RateLimiter listRateLimiter;
    private final RateLimiter submitRateLimiter;
    private final CallListener callListener;

    private VodAiJobClientSettings(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.credentialsProvider = Objects.requireNonNull(b.credentialsProvider, "credentialsProvider");
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.retryPolicy = b.retryPolicy;
        this.listRateLimiter = b.listRateLimiter;
        this.submitRateLimiter = b.submitRateLimiter;
        this.callListener = b.callListener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
    }

    public CredentialsProvider credentialsProvider() {
        return credentialsProvider;
    }

    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Spaces ListAIJob calls; {@code null} for no limit. */
    public RateLimiter listRateLimiter() {
        return listRateLimiter;
    }

    /** Spaces SubmitAIJob calls (the service allows 30 a second per account); {@code null} for no limit. */
    public RateLimiter submitRateLimiter() {
        return submitRateLimiter;
    }

    /** Told about each failed attempt and each call's end, for statistics; {@link CallListener#NONE} by default. */
    public CallListener callListener() {
        return callListener;
    }

    @Override
    public String toString() {
        return "VodAiJobClientSettings[endpoint=" + endpoint + ", signatureAlgorithm="
               + signatureAlgorithm.algorithmName() + "]";
    }

    public static final class Builder {
        private URI endpoint = VodEndpoints.forRegion("cn-shanghai");
        private CredentialsProvider credentialsProvider;
        private SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.ACS3_HMAC_SHA256;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RateLimiter listRateLimiter;
        private RateLimiter submitRateLimiter = new RateLimiter(VodApi.SUBMIT_AI_JOB_CALLS_PER_SECOND);
        private CallListener callListener = CallListener.NONE;

        private Builder() {
        }

        /** Counts the client's calls (the component's statistics); {@code null} for none. */
        public Builder callListener(CallListener callListener) {
            this.callListener = callListener == null ? CallListener.NONE : callListener;
            return this;
        }

        /** Shared by every client that should count against the same limit; {@code null} for none (the default). */
        public Builder listRateLimiter(RateLimiter listRateLimiter) {
            this.listRateLimiter = listRateLimiter;
            return this;
        }

        /** Shared by every client of the same account; 30 calls a second by default, {@code null} for none. */
        public Builder submitRateLimiter(RateLimiter submitRateLimiter) {
            this.submitRateLimiter = submitRateLimiter;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String regionId) {
            this.endpoint = VodEndpoints.forRegion(regionId);
            return this;
        }

        public Builder credentials(AlibabaCloudCredentials credentials) {
            this.credentialsProvider = CredentialsProvider.of(credentials);
            return this;
        }

        public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        public Builder signatureAlgorithm(SignatureAlgorithm signatureAlgorithm) {
            this.signatureAlgorithm = Objects.requireNonNull(signatureAlgorithm);
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy);
            return this;
        }

        public VodAiJobClientSettings build() {
            return new VodAiJobClientSettings(this);
        }
    }
}
