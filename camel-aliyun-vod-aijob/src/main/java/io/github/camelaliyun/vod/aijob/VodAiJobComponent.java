package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.RateLimiter;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;
import io.github.camelaliyun.vod.aijob.store.FileAiJobStore;
import io.github.camelaliyun.vod.aijob.store.MemoryAiJobStore;

/**
 * The {@code aivod-aijob:} component: the AI jobs (video fingerprinting, smart tagging) of Alibaba Cloud ApsaraVideo
 * VOD. Its options are the defaults of its endpoints; it owns the one connection pool they all share.
 */
@Component(VodAiJobConstants.SCHEME)
public class VodAiJobComponent extends HealthCheckComponent {

    @Metadata
    private VodAiJobConfiguration configuration = new VodAiJobConfiguration();

    private final CredentialsResolver credentialsResolver = new CredentialsResolver();
    private final Map<String, LabelStore> stores = new HashMap<>();
    private final Map<String, RateLimiter> rateLimiters = new HashMap<>();
    private VodHttpTransport transport;

    /** The store of one label, and the file it was opened on (null for memory). */
    private record LabelStore(AiJobStore store, String file) {
    }

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

    /**
     * The store that every endpoint with this label shares: the endpoint's own {@code jobStore} bean if it has one,
     * else a file store on {@code jobStoreFile}, else one in memory. Opened on first use, closed with the component.
     */
    synchronized AiJobStore jobStore(String label, VodAiJobConfiguration conf) {
        if (conf.getJobStore() != null) {
            return conf.getJobStore();
        }
        String file = conf.getJobStoreFile() == null || conf.getJobStoreFile().isBlank()
                ? null : Path.of(conf.getJobStoreFile()).toAbsolutePath().normalize().toString();
        LabelStore existing = stores.get(label);
        if (existing != null) {
            if (!Objects.equals(existing.file(), file)) {
                throw new IllegalArgumentException("Endpoints with the label '" + label + "' share one job store, but"
                                                   + " they name different jobStoreFile values (" + existing.file()
                                                   + " and " + file + "): give them the same file or other labels");
            }
            return existing.store();
        }
        for (Map.Entry<String, LabelStore> other : stores.entrySet()) {
            if (file != null && file.equals(other.getValue().file())) {
                throw new IllegalArgumentException("The labels '" + other.getKey() + "' and '" + label + "' both name"
                                                   + " the jobStoreFile " + file + ": a store file holds the jobs of"
                                                   + " one label, so give each label its own file (set jobStoreFile"
                                                   + " on the endpoints rather than on the component)");
            }
        }
        AiJobStore store = file == null ? new MemoryAiJobStore() : FileAiJobStore.open(Path.of(file));
        stores.put(label, new LabelStore(store, file));
        return store;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        List<LabelStore> storesToClose;
        VodHttpTransport transportToClose;
        synchronized (this) {
            storesToClose = new ArrayList<>(stores.values());
            stores.clear();
            transportToClose = transport;
            transport = null;
        }
        for (LabelStore labelStore : storesToClose) {
            labelStore.store().close();
        }
        if (transportToClose != null) {
            transportToClose.close();
        }
    }
}
