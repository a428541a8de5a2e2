package io.github.camelaliyun.vod.aijob;

import java.util.concurrent.TimeUnit;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

/** The submit -> watch pipeline written in YAML DSL. */
class SubmitPipelineYamlTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        EmulatedService.pointAt(context, VOD.emulator());
        return EmulatedService.yamlRoutes(context, "yaml/submit-pipeline.yaml");
    }

    @Test
    void submittedJobsComeBackOnceEachWhenDone() throws Exception {
        MockEndpoint results = getMockEndpoint("mock:results");
        results.expectedMessageCount(4);
        results.expectedBodiesReceivedInAnyOrder("video-a/AIMediaDNA=SUCCESS", "video-a/AIVideoTag=SUCCESS",
                "video-b/AIMediaDNA=SUCCESS", "video-b/AIVideoTag=SUCCESS");

        template.sendBody("direct:yaml-submit", "video-a");
        template.sendBody("direct:yaml-submit", "video-b");

        MockEndpoint.assertIsSatisfied(context, 15, TimeUnit.SECONDS);
        Thread.sleep(600); // a few more polls: nothing arrives twice
        results.assertIsSatisfied();
    }
}
