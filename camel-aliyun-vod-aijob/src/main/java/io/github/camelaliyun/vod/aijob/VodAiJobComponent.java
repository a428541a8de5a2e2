package io.github.camelaliyun.vod.aijob;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.RateLimiter;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * The {@code aivod-aijob:} component: the AI jobs (video fingerprinting, smart tagging) of Alibaba Cloud ApsaraVideo
 * VOD. Its options are the defaults of its endpoints; it owns the one connection pool they all share.
 */
@Component(VodAiJobConstants.SCHEME)
public class VodAiJobComponent extends HealthCheckComponent {

    @Metadata
    private VodAiJobConfiguration configuration = new VodAiJobConfiguration();

    private final CredentialsResolver credentialsResolver = new CredentialsResolver();
    private final LabelJobStores labelStores = new LabelJobStores();
    private final Map<String, RateLimiter> rateLimiters = new HashMap<>();
    private VodHttpTransport transport;


    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("Missing label in " + VodAiJobConstants.SCHEME + " URI: use "
                                               + VodAiJobConstants.SCHEME + ":<label>[?options], for example "
                                               + VodAiJobConstants.SCHEME + ":lookup");
        }
        VodAiJobConfiguration endpointConfiguration = configuration.copy();
        VodAiJobEndpoint endpoint = new VodAiJobEndpoint(uri, this, endpointConfiguration);
        endpoint.setLabel(remaining);
        setProperties(endpoint, parameters);
        endpointConfiguration.validate();
        labelStores.register(remaining, endpointConfiguration.getJobStoreFile(), endpointConfiguration.getJobStore());
        return endpoint;
    }

    public VodAiJobConfiguration getConfiguration() {
        return configuration;
    }

    /** The component-level options: the defaults every endpoint starts from. */
    public void setConfiguration(VodAiJobConfiguration configuration) {
        this.configuration = configuration;
    }

    CredentialsResolver getCredentialsResolver() {
        return credentialsResolver;
    }

    /** The connection pool shared by this component's endpoints, grown to fit {@code concurrency} calls at once. */
    synchronized VodHttpTransport sharedTransport(int concurrency) {
        if (transport == null) {
            transport = new VodHttpTransport(concurrency);
        } else {
            transport.ensureCapacity(concurrency);
        }
        return transport;
    }

    /**
     * The rate limiter of one action for one access key, shared by every endpoint of this component that uses the key:
     * the service counts calls per account. Endpoints asking for different rates share the lowest.
     */
    synchronized RateLimiter rateLimiter(String accessKeyId, String action, int permitsPerSecond) {
        RateLimiter limiter = rateLimiters.computeIfAbsent(accessKeyId + " " + action,
                key -> new RateLimiter(permitsPerSecond));
        limiter.lowerTo(permitsPerSecond);
        return limiter;
    }

    /** The store every endpoint with this label shares: see {@link LabelJobStores}. */
    AiJobStore jobStore(String label) {
        return labelStores.storeOf(label);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        List<AiJobStore> storesToClose = labelStores.takeOpened();
        VodHttpTransport transportToClose;
        synchronized (this) {
            transportToClose = transport;
            transport = null;
        }
        for (AiJobStore store : storesToClose) {
            store.close();
        }
        if (transportToClose != null) {
            transportToClose.close();
        }
    }
}
