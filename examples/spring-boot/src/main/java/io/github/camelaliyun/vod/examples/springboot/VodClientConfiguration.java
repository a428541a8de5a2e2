package io.github.camelaliyun.vod.examples.springboot;

import java.net.URI;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
import io.github.camelaliyun.vod.aijob.client.CallListener;
import io.github.camelaliyun.vod.aijob.client.CredentialsResolver;
import io.github.camelaliyun.vod.aijob.client.HttpVodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClientSettings;
import io.github.camelaliyun.vod.aijob.client.VodEndpoints;

/**
 * The VOD client as a Spring bean: the aivod-aijob component picks it up from the registry (it is autowired), so
 * every endpoint uses it. Spring closes it when the application stops.
 */
@Configuration
public class VodClientConfiguration {

    @Bean(destroyMethod = "close")
    public VodAiJobClient vodAiJobClient(
            @Value("${vod.endpoint:}") String endpoint,
            @Value("${vod.region-id:cn-shanghai}") String regionId,
            @Value("${vod.access-key-id:}") String accessKeyId,
            @Value("${vod.secret-key:}") String accessKeySecret,
            ObjectProvider<CamelContext> camel) {
        // the options when set, else ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET
        AlibabaCloudCredentials credentials = new CredentialsResolver().resolve(accessKeyId, accessKeySecret, null);
        URI uri = endpoint.isBlank() ? VodEndpoints.forRegion(regionId) : VodEndpoints.parseEndpoint(endpoint);
        return HttpVodAiJobClient.create(VodAiJobClientSettings.builder().endpoint(uri).credentials(credentials)
                .callListener(new LabelCalls(camel, "vod-jobs"))
                .build());
    }

    /**
     * The component counts the calls of the clients it builds; a client of one's own reports its calls to the label it
     * serves through this listener, so that the calls and retries show in the console, JMX and the meters too. The
     * Camel context is asked for when a call ends (it does not exist yet when this bean is made).
     */
    private record LabelCalls(ObjectProvider<CamelContext> camel, String label) implements CallListener {

        private CallListener statistics() {
            return camel.getObject().getComponent("aivod-aijob", VodAiJobComponent.class).statistics(label);
        }

        @Override
        public void attemptFailed(String action, int httpStatus, String errorCode, boolean retrying) {
            statistics().attemptFailed(action, httpStatus, errorCode, retrying);
        }

        @Override
        public void callEnded(String action, int attempts, String errorCode) {
            statistics().callEnded(action, attempts, errorCode);
        }
    }
}
