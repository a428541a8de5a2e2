package io.github.camelaliyun.vod.aijob.observability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.aijob.VodAiJobConstants;
import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobConsumer;
import io.github.camelaliyun.vod.aijob.stats.LabelStatistics;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.Fault;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees after a run against the emulator with faults injected: the dev console (text and JSON), the
 * JMX attributes of the consumer and the endpoint, and the Micrometer meters all show the same figures of the label:
 * backlog, last poll, calls by outcome, retries, throttled attempts, deliveries and delivery lag.
 */
class ObservabilityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityTest.class);

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private CamelContext camel;

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    /** A context with JMX on (camel-management is on the test class path) and, if given, a MeterRegistry. */
    private CamelContext start(MeterRegistry meters) throws Exception {
        camel = new DefaultCamelContext();
        if (meters != null) {
            camel.getRegistry().bind("meters", meters);
        }
        EmulatedService.pointAt(camel, VOD.emulator());
        camel.getRegistry().bind("quietHandler",
                new LoggingExceptionHandler(camel, VodAiJobConsumer.class, LoggingLevel.DEBUG));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:track").to("aivod-aijob:obs?operation=track");
                from("direct:lookup").errorHandler(noErrorHandler()).to("aivod-aijob:lookup?maxRetries=0");
                from("aivod-aijob:obs?delay=100&initialDelay=0&maxDeliveries=2&retryBackoffInitialDelay=10"
                     + "&exceptionHandler=#quietHandler")
                        .routeId("watch").autoStartup(false)
                        .errorHandler(noErrorHandler())
                        .process(e -> {
                            if ("poison".equals(e.getMessage().getHeader(VodAiJobConstants.JOB_ID))) {
                                throw new IllegalStateException("refused on purpose");
                            }
                        });
            }
        });
        camel.start();
        return camel;
    }

    @Test
    void consoleJmxAndMetersShowTheSameFiguresAfterARunWithFaults() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        start(meters);
        ProducerTemplate template = camel.createProducerTemplate();

        // a lookup throttled with no retries left: the label "lookup" counts one throttled call
        VOD.emulator().addJob(EmulatedJob.builder("looked-up").build());
        VOD.emulator().faults().next(Fault.THROTTLE);
        assertThatThrownBy(() -> template.requestBody("direct:lookup", "looked-up"))
                .isInstanceOf(CamelExecutionException.class);

        // 12 jobs that finish, one the route refuses (dropped after 2 deliveries), one that never finishes
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            VOD.emulator().addJob(EmulatedJob.builder("job-" + i).build());
            ids.add("job-" + i);
        }
        VOD.emulator().addJob(EmulatedJob.builder("poison").build());
        VOD.emulator().addJob(EmulatedJob.builder("forever").neverFinishes().build());
        ids.add("poison");
        ids.add("forever");
        template.requestBody("direct:track", String.join(",", ids));
        // the first poll's calls: throttled twice and a 500, then answered (3 retries, one or two calls retried)
        VOD.emulator().faults().next(Fault.THROTTLE, Fault.THROTTLE, Fault.SERVER_ERROR);
        camel.getRouteController().startRoute("watch");

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = consumerMBean(jmx);
        LabelStatistics obsFigures = camel.getComponent("aivod-aijob", VodAiJobComponent.class).statistics("obs");
        await().atMost(Duration.ofSeconds(20)).until(() -> (long) jmx.getAttribute(consumer, "DroppedJobs") == 1
                                                           && (long) jmx.getAttribute(consumer, "DeliveredJobs") == 11
                                                           && obsFigures.lastPoll().jobsAsked() == 1);

        // JMX: the consumer's MBean
        assertThat(jmx.getAttribute(consumer, "PendingJobs")).isEqualTo(1);
        assertThat((long) jmx.getAttribute(consumer, "OldestPendingAgeMillis")).isPositive();
        assertThat(jmx.getAttribute(consumer, "FailedDeliveries")).isEqualTo(2L);
        assertThat(jmx.getAttribute(consumer, "Retries")).isEqualTo(3L);
        assertThat(jmx.getAttribute(consumer, "ThrottledAttempts")).isEqualTo(2L);
        assertThat((long) jmx.getAttribute(consumer, "CallsRetried")).isBetween(1L, 2L);
        assertThat(jmx.getAttribute(consumer, "CallsFailed")).isEqualTo(0L);
        assertThat(jmx.getAttribute(consumer, "CallsThrottled")).isEqualTo(0L);
        assertThat((String) jmx.getAttribute(consumer, "LastPollTime")).isNotEmpty();
        assertThat(jmx.getAttribute(consumer, "LastPollCalls")).isEqualTo(1); // only "forever" is left to ask about
        assertThat(jmx.getAttribute(consumer, "LastPollErrors")).isEqualTo(0);
        assertThat(jmx.getAttribute(consumer, "CredentialsProviders")).isEqualTo("accessKeyId/secretKey options");
        // the endpoint's MBean shows the same label
        ObjectName endpoint = endpointOf(jmx, "aivod-aijob://obs");
        assertThat(jmx.getAttribute(endpoint, "DeliveredJobs")).isEqualTo(11L);
        assertThat(jmx.getAttribute(endpoint, "PendingJobs")).isEqualTo(1);

        // the dev console
        DevConsole console = PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob");
        assertThat(console).isNotNull();
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        LOG.info("The aivod-aijob dev console after the run:\n{}", text);
        assertThat(text).contains("Label: obs", "Pending jobs: 1", "Deliveries: 11 completed, 2 failed, 1 dropped",
                "ListAIJob calls: ok ", "retries 3, throttled attempts 2", "Label: lookup",
                "ListAIJob calls: ok 0, retried 0, throttled 1, failed 0", "Credentials: accessKeyId/secretKey options",
                "Rate limiter: access key emul...id, SubmitAIJob: 30 calls a second", "Delivery lag: mean ");
        assertThat(text).doesNotContain("job-1", "poison", "forever", "emulator-access-key-secret");
        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        LOG.info("As JSON: {}", json.toJson());
        JsonObject obs = label(json, "obs");
        assertThat(obs.getInteger("pendingJobs")).isEqualTo(1);
        assertThat(obs.getLong("oldestPendingAgeMillis")).isPositive();
        JsonObject list = (JsonObject) ((JsonObject) obs.get("calls")).get("ListAIJob");
        assertThat(list.getLong("retries")).isEqualTo(3);
        assertThat(list.getLong("throttledAttempts")).isEqualTo(2);
        assertThat(((Map<?, ?>) obs.get("deliveries")).get("completed")).isEqualTo(11L);
        assertThat(((JsonObject) obs.get("deliveryLag")).getLong("count")).isEqualTo(13); // 11 + poison twice
        assertThat(((JsonObject) obs.get("lastPoll")).getInteger("jobsAsked")).isEqualTo(1);
        assertThat(label(json, "lookup").containsKey("pendingJobs")).isFalse(); // a lookup label opens no store

        // Micrometer: the same figures, tagged by label, action and outcome only
        assertThat(meters.get("aivod.aijob.retries").tag("label", "obs").tag("action", "ListAIJob")
                .functionCounter().count()).isEqualTo(3);
        assertThat(meters.get("aivod.aijob.throttled").tag("label", "obs").tag("action", "ListAIJob")
                .functionCounter().count()).isEqualTo(2);
        assertThat(meters.get("aivod.aijob.calls").tag("label", "lookup").tag("action", "ListAIJob")
                .tag("outcome", "throttled").functionCounter().count()).isEqualTo(1);
        double retried = meters.get("aivod.aijob.calls").tag("label", "obs").tag("action", "ListAIJob")
                .tag("outcome", "retried").functionCounter().count();
        assertThat(retried).isEqualTo(((Number) jmx.getAttribute(consumer, "CallsRetried")).doubleValue());
        assertThat(meters.get("aivod.aijob.pending").tag("label", "obs").gauge().value()).isEqualTo(1);
        assertThat(meters.get("aivod.aijob.pending").tag("label", "lookup").gauge().value()).isNaN();
        assertThat(meters.get("aivod.aijob.pending.oldest.age").tag("label", "obs").timeGauge().value())
                .isPositive();
        assertThat(meters.get("aivod.aijob.deliveries").tag("label", "obs").tag("outcome", "dropped")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("aivod.aijob.delivery.lag").tag("label", "obs").functionTimer().count()).isEqualTo(13);
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getTags()).extracting(Tag::getKey).isSubsetOf("label", "action", "outcome");
        }

        // stopping the context takes the meters away (a restart registers them again)
        camel.stop();
        assertThat(meters.find("aivod.aijob.calls").meters()).isEmpty();
    }

    @Test
    void withoutAMeterRegistryTheConsoleAndJmxWorkAndNoMeterIsRegistered() throws Exception {
        SimpleMeterRegistry notBound = new SimpleMeterRegistry();
        start(null);
        VOD.emulator().addJob(EmulatedJob.builder("one").build());
        camel.createProducerTemplate().requestBody("direct:track", "one");
        camel.getRouteController().startRoute("watch");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = consumerMBean(jmx);
        await().atMost(Duration.ofSeconds(10)).until(() -> (long) jmx.getAttribute(consumer, "DeliveredJobs") == 1);
        assertThat(jmx.getAttribute(consumer, "CallsOk")).isEqualTo(1L);
        String text = (String) PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob")
                .call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Label: obs", "Pending jobs: 0", "Deliveries: 1 completed");
        assertThat(notBound.getMeters()).isEmpty();
    }

    private ObjectName consumerMBean(MBeanServer jmx) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:context=" + camel.getManagementName()
                                                              + ",type=consumers,name=VodAiJobConsumer*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }

    private ObjectName endpointOf(MBeanServer jmx, String uriStart) throws Exception {
        for (ObjectName name : jmx.queryNames(
                new ObjectName("org.apache.camel:context=" + camel.getManagementName() + ",type=endpoints,*"), null)) {
            if (ObjectName.unquote(name.getKeyProperty("name")).startsWith(uriStart)) {
                return name;
            }
        }
        throw new AssertionError("no endpoint MBean for " + uriStart);
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
