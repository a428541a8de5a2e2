package io.github.camelaliyun.vod.aijob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.RateLimiter;
import io.github.camelaliyun.vod.aijob.client.TransportHttpFetcher;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment;
import io.github.camelaliyun.vod.aijob.client.credentials.DefaultCredentialsChain;
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
    private final Map<String, AiJobStore> stores = new HashMap<>();
    private final Map<String, String> labelFiles = new HashMap<>();
    private final Map<List<Object>, RateLimiter> rateLimiters = new HashMap<>();
    private VodHttpTransport transport;
    private CredentialsEnvironment credentialsEnvironment = CredentialsEnvironment.system();
    private DefaultCredentialsChain defaultCredentialsChain;


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
        registerJobStoreFile(remaining, endpointConfiguration.getJobStoreFile());
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

    /**
     * What the default credentials chain reads (environment, system properties, home directory, ECS metadata
     * address): the JVM's own unless changed here, which tests do so that no test leaves loopback. Takes effect for
     * endpoints started afterwards.
     */
    public synchronized void useCredentialsEnvironment(CredentialsEnvironment environment) {
        this.credentialsEnvironment = environment;
        this.defaultCredentialsChain = null;
    }

    /**
     * The default credentials chain, one per component so that every endpoint without credentials of its own shares
     * its provider and its refreshes; it sends through the shared connection pool and goes with it on stop.
     */
    synchronized CredentialsProvider defaultCredentialsChain() {
        if (defaultCredentialsChain == null) {
            defaultCredentialsChain = new DefaultCredentialsChain(credentialsEnvironment,
                    new TransportHttpFetcher(sharedTransport(1)));
        }
        return defaultCredentialsChain;
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
     * The rate limiter of one action for one account, shared by every endpoint of this component that uses it: the
     * service counts calls per account. The account is the access key id of fixed keys, or the credentials provider
     * itself when keys rotate (its key id changes at each refresh). Endpoints asking for different rates share the
     * lowest.
     */
    synchronized RateLimiter rateLimiter(Object account, String action, int permitsPerSecond) {
        RateLimiter limiter = rateLimiters.computeIfAbsent(List.of(account, action),
                key -> new RateLimiter(permitsPerSecond));
        limiter.lowerTo(permitsPerSecond);
        return limiter;
    }

    /**
     * Records which file holds the jobs of a label, when an endpoint names one. Called when endpoints are created, so
     * that every endpoint of the label, whether or not it repeats the option, uses the same store whichever starts
     * first; two different files for one label, or one file for two labels, are refused here.
     */
    synchronized void registerJobStoreFile(String label, String jobStoreFile) {
        if (jobStoreFile == null || jobStoreFile.isBlank()) {
            return;
        }
        String file = Path.of(jobStoreFile).toAbsolutePath().normalize().toString();
        String known = labelFiles.get(label);
        if (known != null && !known.equals(file)) {
            throw new IllegalArgumentException("Endpoints with the label '" + label + "' share one job store, but they"
                                               + " name different jobStoreFile values (" + known + " and " + file
                                               + "): give them the same file or other labels");
        }
        for (Map.Entry<String, String> other : labelFiles.entrySet()) {
            if (!other.getKey().equals(label) && other.getValue().equals(file)) {
                throw new IllegalArgumentException("The labels '" + other.getKey() + "' and '" + label + "' both name"
                                                   + " the jobStoreFile " + file + ": a store file holds the jobs of"
                                                   + " one label, so give each label its own file (set jobStoreFile"
                                                   + " on the endpoints rather than on the component)");
            }
        }
        labelFiles.put(label, file);
    }

    /**
     * The store that every endpoint with this label shares: the endpoint's own {@code jobStore} bean if it has one,
     * else a file store on the label's {@code jobStoreFile}, else one in memory. Opened on first use, closed with the
     * component.
     */
    synchronized AiJobStore jobStore(String label, VodAiJobConfiguration conf) {
        if (conf.getJobStore() != null) {
            return conf.getJobStore();
        }
        AiJobStore store = stores.get(label);
        if (store == null) {
            String file = labelFiles.get(label);
            store = file == null ? new MemoryAiJobStore() : FileAiJobStore.open(Path.of(file));
            stores.put(label, store);
        }
        return store;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        List<AiJobStore> storesToClose;
        VodHttpTransport transportToClose;
        synchronized (this) {
            storesToClose = new ArrayList<>(stores.values());
            stores.clear();
            transportToClose = transport;
            transport = null;
            defaultCredentialsChain = null; // it sent through the transport closed here
        }
        for (AiJobStore store : storesToClose) {
            store.close();
        }
        if (transportToClose != null) {
            transportToClose.close();
        }
    }
}
