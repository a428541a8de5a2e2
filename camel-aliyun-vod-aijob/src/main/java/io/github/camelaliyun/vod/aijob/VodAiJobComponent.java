package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.calls.CallsInFlight;
import io.github.camelaliyun.vod.aijob.label.AiJobLabel;
import io.github.camelaliyun.vod.aijob.label.LabelJobStores;
import io.github.camelaliyun.vod.aijob.observability.LabelStatisticsRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import io.github.camelaliyun.vod.aijob.client.CredentialsProvider;
import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.RateLimiter;
import io.github.camelaliyun.vod.aijob.client.TransportHttpFetcher;
import io.github.camelaliyun.vod.aijob.client.credentials.CredentialsEnvironment;
import io.github.camelaliyun.vod.aijob.client.credentials.DefaultCredentialsChain;
import io.github.camelaliyun.vod.aijob.client.VodHttpTransport;
import io.github.camelaliyun.vod.aijob.stats.CredentialsNames;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
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
    private final LabelStatisticsRegistry statistics = new LabelStatisticsRegistry();
    /** Each label's store and figures: see {@link AiJobLabel}. */
    private final Map<String, AiJobLabel> labels = new ConcurrentHashMap<>();
    /** The calls of this component's producers and consumers, ended when the Camel context begins to stop. */
    private final Set<CallsInFlight> callsInFlight = ConcurrentHashMap.newKeySet();
    private boolean stopHookAdded;
    private final Map<List<Object>, RateLimiter> rateLimiters = new HashMap<>();
    private VodHttpTransport transport;
    private CredentialsEnvironment credentialsEnvironment = CredentialsEnvironment.system();
    private DefaultCredentialsChain defaultCredentialsChain;
    private final PropertyConfigurer componentConfigurer = new NumberOptionText.ComponentConfigurer();
    private final PropertyConfigurer endpointConfigurer = new NumberOptionText.EndpointConfigurer();

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
        if (endpoint.getDelay() <= 0) {
            // Camel's scheduler would poll without a pause: every pending job asked about in a busy loop
            throw new IllegalArgumentException("Invalid delay " + endpoint.getDelay() + ": the time between two polls"
                                               + " of the consumer must be more than 0 milliseconds (AI jobs take"
                                               + " seconds: 1s or more is usual)");
        }
        labelStores.register(remaining, endpointConfiguration);
        return endpoint;
    }

    /** The generated configurer, refusing number and duration text that Camel would silently read as 0. */
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return componentConfigurer;
    }

    /** The generated configurer, refusing number and duration text that Camel would silently read as 0. */
    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return endpointConfigurer;
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

    /** One rate limiter as operators see it: whose calls it spaces (named, never a key), the action, the rate. */
    public record RateLimiterView(String account, String action, int permitsPerSecond) {
    }

    /** The rate limiters of this component, for the dev console. */
    public synchronized List<RateLimiterView> rateLimiterViews() {
        List<RateLimiterView> views = new ArrayList<>();
        rateLimiters.forEach((key, limiter) -> views.add(new RateLimiterView(describeAccount(key.get(0)),
                (String) key.get(1), limiter.permitsPerSecond())));
        views.sort(Comparator.comparing(RateLimiterView::account).thenComparing(RateLimiterView::action));
        return views;
    }

    private static String describeAccount(Object account) {
        if (account instanceof CredentialsProvider provider) {
            return CredentialsNames.nameOf(provider);
        }
        // an access key id is no secret, but it has no place on a console either: enough of it to tell keys apart
        String keyId = String.valueOf(account);
        return "access key " + (keyId.length() > 8 ? keyId.substring(0, 4) + "..." + keyId.substring(keyId.length() - 2)
                : "...");
    }

    /** The figures of a label (calls, polls, deliveries, backlog), shared by its endpoints; see {@link LabelStatistics}. */
    public LabelStatistics statistics(String label) {
        return statistics.of(label);
    }

    /** The figures of every label of this component that has an endpoint, by label. */
    public List<LabelStatistics> allStatistics() {
        return statistics.all();
    }

    /** The label: its store (shared by every endpoint with this label, see {@link LabelJobStores}) and its figures. */
    public AiJobLabel label(String label) {
        return labels.computeIfAbsent(label, l -> new AiJobLabel(l, labelStores::storeOf, statistics.of(l)));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        statistics.start(getCamelContext());
        if (!stopHookAdded) {
            // Camel waits for the exchanges in flight before it stops producers, and never tells a producer that its
            // route is stopping: a call to a service that does not answer would hold the stop until Camel's shutdown
            // timeout. The context's first stop notice ends them instead (their exchanges fail with "stopped").
            getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopping(CamelContext context) {
                    callsInFlight.forEach(CallsInFlight::stopAll);
                }
            });
            stopHookAdded = true;
        }
    }

    /** Calls of a producer or consumer to end when the context stops; until {@link #forget(CallsInFlight)}. */
    void endOnStop(CallsInFlight calls) {
        callsInFlight.add(calls);
    }

    void forget(CallsInFlight calls) {
        callsInFlight.remove(calls);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        statistics.stop();
        List<AiJobStore> storesToClose = labelStores.takeOpened();
        VodHttpTransport transportToClose;
        synchronized (this) {
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
