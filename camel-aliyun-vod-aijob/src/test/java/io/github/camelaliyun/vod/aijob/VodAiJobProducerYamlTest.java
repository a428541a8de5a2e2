package io.github.camelaliyun.vod.aijob;

import java.util.List;
import java.util.stream.IntStream;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer route written in YAML DSL, loaded by the test, behaves as the Java one does. */
class VodAiJobProducerYamlTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        EmulatedService.pointAt(context, VOD.emulator());
        return EmulatedService.yamlRoutes(context, "yaml/lookup-route.yaml");
    }

    @Test
    void yamlRouteLooksUpInBatchesAndSplitsIntoJobs() throws Exception {
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "y" + i).toList();
        ids.stream().limit(11).forEach(id -> VOD.emulator().addJob(EmulatedJob.builder(id).build()));
        MockEndpoint jobs = getMockEndpoint("mock:job");
        jobs.expectedBodiesReceived(ids.stream().limit(11).map(id -> id + "=SUCCESS").toArray());
        jobs.allMessages().header("foundCount").isEqualTo(11);

        template.sendBody("direct:yaml-lookup-jobs", String.join(" ", ids));

        jobs.assertIsSatisfied();
        assertThat(VOD.emulator().stats().calls("ListAIJob")).isEqualTo(2); // ceil(12 / 10)
        assertThat(VOD.emulator().stats().maxInFlight()).isLessThanOrEqualTo(2);
    }
}
