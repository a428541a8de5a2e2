package io.github.camelaliyun.vod.examples.quarkus;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The application as Quarkus runs it in JVM mode, against the VOD emulator: the component is found (through its
 * Jandex index) and configured from application.properties; videos posted over HTTP get their jobs, which come back
 * when they finish; Camel's readiness checks, the component's among them, are UP at /q/health/ready.
 */
@QuarkusTest
@WithTestResource(VodEmulatorResource.class)
class VodAiJobsQuarkusTest {

    @Inject
    FinishedJobs finishedJobs;
    @Inject
    CamelContext camel;

    @Test
    void postedVideosGetTheirJobsWhichComeBackWhenFinished() {
        for (String video : new String[] {"quarkus-video-1", "quarkus-video-2"}) {
            String ids = given().post("/videos/{mediaId}/ai-jobs", video).then().statusCode(200).extract().asString();
            assertThat(ids.lines()).hasSize(2);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> finishedJobs.all().size() == 4);
        assertThat(finishedJobs.all()).extracting(AiJob::getMediaId)
                .containsOnly("quarkus-video-1", "quarkus-video-2");
        assertThat(finishedJobs.all()).extracting(AiJob::getType).containsOnly("AIMediaDNA", "AIVideoTag");

        // the Camel of the Camel Quarkus BOM, not the 4.22 the component is built against
        assertThat(camel.getVersion()).startsWith("4.18.");
        // application.properties reached the component
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        assertThat(component.getConfiguration().getMaxRequestsPerSecond()).isEqualTo(20);
        assertThat(component.getConfiguration().getRequestTimeout()).isEqualTo(20_000);
    }

    @Test
    void readinessShowsTheComponentsChecksUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body(containsString("\"producer:aivod-aijob-vod-jobs\": \"UP\""))
                .body(containsString("\"consumer:finished-jobs\": \"UP\"")));
    }

    @Test
    void aMediaIdTheComponentRefusesAnswers400() {
        given().post("/videos/{mediaId}/ai-jobs", "video-1,video-2").then().statusCode(400)
                .body(containsString("'video-1,video-2'"), containsString("comma"));
    }
}
