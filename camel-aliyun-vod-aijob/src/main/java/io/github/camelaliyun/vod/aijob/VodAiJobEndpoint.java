package io.github.camelaliyun.vod.aijob;

import io.github.camelaliyun.vod.aijob.label.AiJobLabel;
import io.github.camelaliyun.vod.aijob.observability.VodAiJobManagedStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.RetryPolicy;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodApi;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.mns.MnsQueueClient;
import io.github.camelaliyun.vod.aijob.events.EventQueueOptions;
import io.github.camelaliyun.vod.aijob.stats.CredentialsNames;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * Looks up and watches the AI jobs (video fingerprinting, smart tagging) of Alibaba Cloud ApsaraVideo VOD.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = VodAiJobConstants.SCHEME, title = "Alibaba Cloud VOD AI Job",
             syntax = "aivod-aijob:label", category = { Category.CLOUD, Category.AI },
             headersClass = VodAiJobConstants.class)
@ManagedResource(description = "Managed aivod-aijob endpoint: the figures of its label")
public class VodAiJobEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation, VodAiJobManagedStatistics {

    @UriPath(description = "A name of your choice for this endpoint. Endpoints with the same label in one Camel context"
                           + " share the jobs they track.")
    @Metadata(required = true)
    private String label;
    @UriParam
    private VodAiJobConfiguration configuration;
    /**
     * Only for the catalogue, as Camel's mail and Slack endpoints do: the option is the base class's (set in the
     * constructor); this declaration gives it its default and description in the generated metadata.
     */
    @UriParam(defaultValue = "" + DEFAULT_CONSUMER_DELAY, javaType = "java.time.Duration", label = "consumer,scheduler",
              description = "Milliseconds before the next poll (5 s by default: AI jobs take seconds to minutes)."
                            + " Each poll asks about the label's due jobs (see maxCheckInterval), ceil(due/10) calls.")
    @SuppressWarnings("unused")
    private long delay = DEFAULT_CONSUMER_DELAY;

    private VodAiJobClient client;
    private VodAiJobClient probeClient;

    private static final Logger LOG = LoggerFactory.getLogger(VodAiJobEndpoint.class);

    /** The consumer's default {@code delay}: AI jobs take seconds to minutes, so Camel's 500 ms would mostly ask in vain. */
    public static final long DEFAULT_CONSUMER_DELAY = 5000;
    /** Below this delay a consumer is warned about: it would poll the service many times a second. */
    static final long MIN_USUAL_CONSUMER_DELAY = 100;

    public VodAiJobEndpoint(String uri, VodAiJobComponent component, VodAiJobConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        // as Camel's mail and FTP endpoints do: a default of its own, which the delay option still overrides
        setDelay(DEFAULT_CONSUMER_DELAY);
    }

    @Override
    public VodAiJobComponent getComponent() {
        return (VodAiJobComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new VodAiJobProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (getDelay() < MIN_USUAL_CONSUMER_DELAY) {
            LOG.warn("aivod-aijob:{} polls every {} ms: each poll asks ListAIJob about every due job of the label,"
                     + " so the service may throttle it and the other endpoints of the account; AI jobs take seconds,"
                     + " a delay of 1s or more is usual", label, getDelay());
        }
        if (configuration.getLeaseDuration() < 1000) {
            LOG.warn("aivod-aijob:{}: leaseDuration is {} ms: a pause of the node or the job store longer than that"
                     + " gives its jobs to another consumer, which delivers them again; a minute suits most (did"
                     + " you mean {}s?)", label, configuration.getLeaseDuration(), configuration.getLeaseDuration());
        }
        VodAiJobConsumer consumer = new VodAiJobConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    /** The job store of this endpoint's label, shared with every endpoint of the same label in this context. */
    public AiJobStore getJobStore() {
        return label().store();
    }

    /** This endpoint's label: its store and figures, shared with every endpoint of the same label in this context. */
    public AiJobLabel label() {
        return getComponent().label(label);
    }

    /** The figures of this endpoint's label, shared with every endpoint of the same label in this context. */
    @Override
    public LabelStatistics statistics() {
        return getComponent().statistics(label);
    }

    /**
     * The client this endpoint calls the service with: the configured (or autowired) one, else one built from the
     * options that sends through the component's shared connection pool. Producers and consumers call this when they
     * start, so missing credentials fail when the route starts, not at the first message.
     */
    public synchronized VodAiJobClient getClient() {
        if (client == null) {
            VodAiJobClient configured = configuration.getVodAiJobClient();
            client = configured != null ? configured : createClient();
        }
        return client;
    }

    /**
     * The client a readiness probe calls: for the client the component built, a twin that makes one attempt, gives up
     * after {@code timeoutMillis} and waits for no rate limiter (a probe must neither retry for minutes nor queue
     * behind a burst); a client of your own ({@code vodAiJobClient}) as it is.
     */
    public synchronized VodAiJobClient probeClient(long timeoutMillis) {
        if (configuration.getVodAiJobClient() != null) {
            return getClient();
        }
        if (probeClient == null) {
            Duration timeout = Duration.ofMillis(timeoutMillis);
            Duration connectTimeout = Duration.ofMillis(Math.min(timeoutMillis, configuration.getConnectTimeout()));
            VodAiJobClientSettings settings = configuration.toClientSettings(resolveCredentials().provider())
                    .retryPolicy(new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1.0))
                    .requestTimeout(timeout)
                    .connectTimeout(connectTimeout)
                    .build();
            probeClient = new HttpVodAiJobClient(settings, getComponent().sharedTransport(1));
        }
        return probeClient;
    }

    /**
     * A client of the label's MNS event queue ({@code eventQueue}), signed with this endpoint's credentials (those its
     * VOD client signs with: the options, the credentialsProvider bean, or the default chain) and with its timeouts
     * and retries. Its own small connection pool: a long poll holds a connection for up to 30 seconds.
     */
    public MnsQueueClient createEventQueueClient() {
        CredentialsResolver.Resolved credentials = resolveCredentials();
        credentials.provider().credentials(); // a chain where no provider answers fails the start
        return new MnsQueueClient(EventQueueOptions.endpoint(configuration), EventQueueOptions.queueName(configuration),
                credentials.provider(), configuration.retryPolicy(), Duration.ofMillis(configuration.getConnectTimeout()),
                Duration.ofMillis(configuration.getRequestTimeout()), Clock.systemUTC());
    }

    private CredentialsResolver.Resolved resolveCredentials() {
        VodAiJobComponent component = getComponent();
        return component.getCredentialsResolver().resolve(configuration.getAccessKeyId(),
                configuration.getSecretKey(), configuration.getSessionToken(),
                configuration.getCredentialsProvider(), component::defaultCredentialsChain);
    }

    private VodAiJobClient createClient() {
        VodAiJobComponent component = getComponent();
        CredentialsResolver.Resolved credentials = resolveCredentials();
        // asked once now, so that a chain where no provider answers fails the route's start, naming the endpoint
        try {
            credentials.provider().credentials();
        } catch (RuntimeException e) {
            throw new IllegalStateException("aivod-aijob:" + label + " (operation " + configuration.getOperation()
                                            + ") has no credentials: " + e.getMessage(), e);
        }
        // maxRequestsPerSecond limits the action of this endpoint's own operation, never the other one: a limit meant
        // for lookups must not slow the submits of the same account (which always keep the service's 30 a second)
        Integer rate = configuration.getMaxRequestsPerSecond();
        boolean submits = configuration.getOperation() == VodAiJobOperations.submitAiJob;
        Integer listRate = submits ? null : rate;
        int submitRate = submits && rate != null ? rate : VodApi.SUBMIT_AI_JOB_CALLS_PER_SECOND;
        String credentialsName = configuration.getAccessKeyId() != null && !configuration.getAccessKeyId().isBlank()
                ? CredentialsNames.KEY_OPTIONS : null;
        statistics().useCredentials(credentials.provider(),
                () -> credentialsName != null ? credentialsName : CredentialsNames.nameOf(credentials.provider()));
        VodAiJobClientSettings settings = configuration.toClientSettings(credentials.provider())
                .callListener(statistics())
                .listRateLimiter(listRate == null ? null
                        : component.rateLimiter(credentials.account(), VodApi.ACTION_LIST_AI_JOB, listRate))
                .submitRateLimiter(component.rateLimiter(credentials.account(), VodApi.ACTION_SUBMIT_AI_JOB, submitRate))
                .build();
        return new HttpVodAiJobClient(settings, component.sharedTransport(configuration.getMaxConcurrentRequests()));
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public VodAiJobConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(VodAiJobConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public String getServiceUrl() {
        return configuration.serviceUri().toString();
    }

    @Override
    public String getServiceProtocol() {
        return getServiceUrl().startsWith("http://") ? "http" : "https";
    }

    @Override
    protected void doStop() throws Exception {
        // a client the component built only borrows the shared pool; one from the registry belongs to its owner
        synchronized (this) {
            client = null;
            probeClient = null;
        }
        super.doStop();
    }
}
