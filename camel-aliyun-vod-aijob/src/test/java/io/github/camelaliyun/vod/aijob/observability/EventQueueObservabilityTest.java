package io.github.camelaliyun.vod.aijob.observability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.MnsEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event queue's figures, the same in the dev console (text and JSON), JMX and Micrometer. */
class EventQueueObservabilityTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void consoleJmxAndMetersShowTheQueuesFigures() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MnsEmulator mns = MnsEmulator.start(); CamelContext camel = new DefaultCamelContext()) {
            mns.createQueue("obs-events", Duration.ofSeconds(30));
            VOD.emulator().eventsToQueue(mns, "obs-events");
            camel.getRegistry().bind("meters", meters);
            EmulatedService.pointAt(camel, VOD.emulator());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("aivod-aijob:qobs?eventQueue=obs-events&eventQueueEndpoint=" + mns.url()
                         + "&eventQueueWaitSeconds=2&minCheckInterval=60s&maxCheckInterval=60s")
                            .to("log:qobs?level=OFF");
                }
            });
            camel.start();
            // apart: the poll woken by the first event also asks about the other job (a call has room for 10), and
            // finished by then, that job would be delivered before its own event came, which is then ignored
            VOD.emulator().addJob(EmulatedJob.builder("obs-1").finishAfter(Duration.ofMillis(300)).succeeds().build());
            VOD.emulator().addJob(EmulatedJob.builder("obs-2").finishAfter(Duration.ofMillis(2000)).succeeds().build());
            camel.createProducerTemplate().sendBody("aivod-aijob:qobs?operation=track", "obs-1,obs-2");
            mns.sendRaw("obs-events", "not an event");
            mns.sendRaw("obs-events", "{\"EventType\":\"FileUploadComplete\",\"VideoId\":\"v\"}");
            VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> component.statistics("qobs").queue()
                    .deletedMessages() == 4 && component.statistics("qobs").deliveredJobs() == 2);

            String text = (String) PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob")
                    .call(DevConsole.MediaType.TEXT);
            assertThat(text).containsPattern("Event queue: \\d+ receives, 4 messages: 2 accepted, 1 ignored, 1 poison;"
                                             + " 4 deleted in \\d+ calls; 0 failed calls");
            JsonObject json = (JsonObject) PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob")
                    .call(DevConsole.MediaType.JSON);
            Map<?, ?> queue = (Map<?, ?>) label(json, "qobs").get("eventQueue");
            assertThat(queue.get("accepted")).isEqualTo(2L);
            assertThat(queue.get("poison")).isEqualTo(1L);
            assertThat(queue.get("deleted")).isEqualTo(4L);

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> consumers = jmx.queryNames(new ObjectName("org.apache.camel:context="
                    + camel.getManagementName() + ",type=consumers,name=VodAiJobConsumer*"), null);
            ObjectName consumer = consumers.iterator().next();
            assertThat(jmx.getAttribute(consumer, "EventQueueEventsAccepted")).isEqualTo(2L);
            assertThat(jmx.getAttribute(consumer, "EventQueueEventsIgnored")).isEqualTo(1L);
            assertThat(jmx.getAttribute(consumer, "EventQueuePoisonMessages")).isEqualTo(1L);
            assertThat(jmx.getAttribute(consumer, "EventQueueMessagesDeleted")).isEqualTo(4L);
            assertThat(jmx.getAttribute(consumer, "EventQueueFailures")).isEqualTo(0L);

            assertThat(meters.get("aivod.aijob.event.queue.messages").tag("label", "qobs").tag("outcome", "accepted")
                    .functionCounter().count()).isEqualTo(2);
            assertThat(meters.get("aivod.aijob.event.queue.messages").tag("label", "qobs").tag("outcome", "poison")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(meters.get("aivod.aijob.event.queue.deleted").tag("label", "qobs").functionCounter().count())
                    .isEqualTo(4);
            assertThat(meters.get("aivod.aijob.event.queue.receives").tag("label", "qobs").functionCounter().count())
                    .isPositive();
        }
    }

    @SuppressWarnings("unchecked")
    private static JsonObject label(JsonObject json, String label) {
        for (Object item : (List<Object>) json.get("labels")) {
            JsonObject jo = (JsonObject) item;
            if (label.equals(jo.getString("label"))) {
                return jo;
            }
        }
        throw new AssertionError("no label " + label + " in " + json);
    }
}
