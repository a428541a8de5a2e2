package io.github.camelaliyun.vod.aijob;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

/** track, then consume, written in YAML DSL. */
class TrackAndWatchYamlTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        EmulatedService.pointAt(context, VOD.emulator());
        return EmulatedService.yamlRoutes(context, "yaml/track-and-watch.yaml");
    }

    @Test
    void trackedJobsArriveOnceEachWhenTheyFinish() throws Exception {
        VOD.emulator().addJob(EmulatedJob.builder("y-ok").finishAfter(Duration.ofMillis(400)).build());
        VOD.emulator().addJob(EmulatedJob.builder("y-bad").failsWith("E1", "broken").build());
        MockEndpoint succeeded = getMockEndpoint("mock:succeeded");
        MockEndpoint failed = getMockEndpoint("mock:failed");
        succeeded.expectedMessageCount(1);
        failed.expectedMessageCount(1);
        succeeded.expectedHeaderReceived(VodAiJobConstants.JOB_ID, "y-ok");
        failed.expectedHeaderReceived(VodAiJobConstants.JOB_ID, "y-bad");

        template.sendBody("direct:yaml-track", "y-ok,y-bad");

        MockEndpoint.assertIsSatisfied(context, 10, TimeUnit.SECONDS);
        Thread.sleep(500); // a few more polls: nothing arrives twice
        succeeded.assertIsSatisfied();
        failed.assertIsSatisfied();
    }
}
