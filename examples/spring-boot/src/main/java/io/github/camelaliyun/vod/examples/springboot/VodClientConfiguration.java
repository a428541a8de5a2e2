package io.github.camelaliyun.vod.examples.springboot;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.camelaliyun.vod.aijob.client.AlibabaCloudCredentials;
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
            @Value("${vod.access-key-secret:}") String accessKeySecret) {
        // the options when set, else ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET
        AlibabaCloudCredentials credentials = new CredentialsResolver().resolve(accessKeyId, accessKeySecret, null);
        URI uri = endpoint.isBlank() ? VodEndpoints.forRegion(regionId) : VodEndpoints.parseEndpoint(endpoint);
        return HttpVodAiJobClient.create(VodAiJobClientSettings.builder().endpoint(uri).credentials(credentials).build());
    }
}
