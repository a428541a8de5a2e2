package io.github.camelaliyun.vod.aijob;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.reliability.LogCapture;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that only submits with track=true, its consumer running elsewhere, keeps the tracked jobs in this
 * context's memory unless it names the shared store: paid jobs nobody will deliver. It says so, once per label.
 */
class TrackWithoutReaderTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void jobsTrackedIntoAMemoryStoreThatNoConsumerReadsAreWarnedAboutOnce() throws Exception {
        try (LogCapture log = LogCapture.atConfiguredLevels(); CamelContext camel = new DefaultCamelContext()) {
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:submit").to("aivod-aijob:elsewhere?operation=submitAiJob&jobTypes=AIMediaDNA&track=true");
                }
            });
            camel.start();
            camel.createProducerTemplate().sendBody("direct:submit", "video-1");
            camel.createProducerTemplate().sendBody("direct:submit", "video-2");

            assertThat(log.text()).containsOnlyOnce("no consumer of the label in this Camel context reads it")
                    .contains("dataSource");
        }
    }
}
