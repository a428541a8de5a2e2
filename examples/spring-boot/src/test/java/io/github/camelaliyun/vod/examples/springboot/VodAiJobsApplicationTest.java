package io.github.camelaliyun.vod.examples.springboot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobEndpoint;
import io.github.camelaliyun.vod.aijob.client.VodAiJobClient;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application as a user starts it, against the VOD emulator: jobs come back, Actuator health is UP. A plain
 * {@code @SpringBootTest}: Camel's {@code @CamelSpringBootTest} lives in camel-test-spring-junit5/junit6, which the
 * example does not depend on: Spring Boot's own test support is enough.
 */
// JDBC is on the test class path for the jdbc profile's test only; the default run has no DataSource, as with mvn
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
class VodAiJobsApplicationTest {

    static final VodEmulator EMULATOR = VodEmulator.start();

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        registry.add("vod.endpoint", EMULATOR::url);
        registry.add("vod.access-key-id", () -> VodEmulator.DEMO_ACCESS_KEY_ID);
        registry.add("vod.secret-key", () -> VodEmulator.DEMO_ACCESS_KEY_SECRET);
        registry.add("example.media-ids", () -> "boot-video-1,boot-video-2");
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Autowired
    FinishedJobs finishedJobs;
    @Autowired
    CamelContext camel;
    @Autowired
    VodAiJobClient client;
    @LocalServerPort
    int port;

    @Test
    void submittedJobsFinishAndHealthIsUp() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> finishedJobs.all().size() == 4);
        assertThat(finishedJobs.all()).extracting(AiJob::getMediaId).containsOnly("boot-video-1", "boot-video-2");
        assertThat(finishedJobs.all()).extracting(AiJob::getType).containsOnly("AIMediaDNA", "AIVideoTag");

        // the Spring bean is the client every endpoint uses, and application.yaml reached the component
        VodAiJobEndpoint endpoint = camel.getEndpoint("aivod-aijob:vod-jobs", VodAiJobEndpoint.class);
        assertThat(endpoint.getClient()).isSameAs(client);
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        assertThat(component.getConfiguration().getMaxRequestsPerSecond()).isEqualTo(20);
        assertThat(component.getConfiguration().getRequestTimeout()).isEqualTo(20_000);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").containsIgnoringCase("camel");
    }

    @Test
    void actuatorShowsTheComponentsMeters() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> finishedJobs.all().size() == 4);
        // the meters read the label's figures when asked: the four deliveries complete right after the route's end
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/actuator/metrics/aivod.aijob.deliveries"
                                                              + "?tag=label:vod-jobs&tag=outcome:delivered").body()
                .contains("\"value\":4.0"));
        HttpResponse<String> submits = get("/actuator/metrics/aivod.aijob.calls?tag=label:vod-jobs"
                                           + "&tag=action:SubmitAIJob&tag=outcome:ok");
        assertThat(submits.statusCode()).isEqualTo(200);
        assertThat(submits.body()).contains("\"value\":2.0"); // one SubmitAIJob per video
        assertThat(get("/actuator/metrics/aivod.aijob.pending?tag=label:vod-jobs").body()).contains("\"value\":0.0");

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("aivod_aijob_calls_total{action=\"ListAIJob\",label=\"vod-jobs\",outcome=\"ok\"}")
                .contains("aivod_aijob_delivery_lag_seconds_count{label=\"vod-jobs\"} 4")
                .contains("aivod_aijob_pending_jobs{label=\"vod-jobs\"} 0");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
