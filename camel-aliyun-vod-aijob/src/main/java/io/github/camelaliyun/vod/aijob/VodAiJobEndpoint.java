package io.github.camelaliyun.vod.aijob;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodEndpoints;
import io.github.camelaliyun.vod.aijob.store.AiJobStore;

/**
 * Looks up and watches the AI jobs (video fingerprinting, smart tagging) of Alibaba Cloud ApsaraVideo VOD.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = VodAiJobConstants.SCHEME, title = "Alibaba Cloud VOD AI Job",
             syntax = "aivod-aijob:label", category = { Category.CLOUD, Category.AI },
             headersClass = VodAiJobConstants.class)
public class VodAiJobEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriPath(description = "A name of your choice for this endpoint. Endpoints with the same label in one Camel context"
                           + " share the jobs they track.")
    @Metadata(required = true)
    private String label;
    @UriParam
    private VodAiJobConfiguration configuration;

    private VodAiJobClient client;

    public VodAiJobEndpoint(String uri, VodAiJobComponent component, VodAiJobConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
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
        VodAiJobConsumer consumer = new VodAiJobConsumer(this, processor);
        consumer.setMaxMessagesPerPoll(configuration.getMaxMessagesPerPoll());
        configureConsumer(consumer);
        return consumer;
    }

    /** The job store of this endpoint's label, shared with every endpoint of the same label in this context. */
    public AiJobStore getJobStore() {
        return getComponent().jobStore(label, configuration);
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

    private VodAiJobClient createClient() {
        VodAiJobComponent component = getComponent();
        CredentialsResolver.Resolved credentials = component.getCredentialsResolver().resolve(
                configuration.getAccessKeyId(), configuration.getAccessKeySecret(), configuration.getSecurityToken(),
                configuration.getCredentialsProvider(), component::defaultCredentialsChain);
        // asked once now, so that a chain where no provider answers fails the route's start
        credentials.provider().credentials();
        Integer rate = configuration.getMaxRequestsPerSecond();
        VodAiJobClientSettings settings = configuration.toClientSettings(null) // the provider, set next, signs
                .credentialsProvider(credentials.provider())
                .listRateLimiter(rate == null ? null
                        : component.rateLimiter(credentials.account(), HttpVodAiJobClient.ACTION_LIST_AI_JOB, rate))
                .submitRateLimiter(component.rateLimiter(credentials.account(),
                        HttpVodAiJobClient.ACTION_SUBMIT_AI_JOB, rate == null ? VodAiJobClient.SUBMIT_AI_JOB_CALLS_PER_SECOND : rate))
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
        String endpoint = configuration.getEndpoint();
        return endpoint != null && !endpoint.isBlank()
                ? endpoint : VodEndpoints.forRegion(configuration.getRegionId()).toString();
    }

    @Override
    public String getServiceProtocol() {
        return getServiceUrl().startsWith("http://") ? "http" : "https";
    }

    @Override
    protected void doStop() throws Exception {
        // a client the component built only borrows the shared pool; one from the registry belongs to its owner
        client = null;
        super.doStop();
    }
}
