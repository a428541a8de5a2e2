package io.github.camelaliyun.vod.aijob.observability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.EmulatedService;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Claimed by this node": while a route holds a finished job, the console, JMX and the meter count its lease; once the
 * exchange completed, none.
 */
class ClaimedJobsObservabilityTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private final CountDownLatch inRoute = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    private CamelContext camel;

    @AfterEach
    void stop() {
        letGo.countDown();
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void aJobHeldByTheRouteCountsAsClaimedUntilItsExchangeCompletes() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("meters", meters);
        EmulatedService.pointAt(camel, VOD.emulator());
        VOD.emulator().addJob(EmulatedJob.builder("held").build());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:claims?jobIds=held&delay=100&initialDelay=0").process(e -> {
                    inRoute.countDown();
                    letGo.await(10, TimeUnit.SECONDS);
                });
            }
        });
        camel.start();
        assertThat(inRoute.await(10, TimeUnit.SECONDS)).isTrue();
        DevConsole console = PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = consumerMBean(jmx);

        assertThat((String) console.call(DevConsole.MediaType.TEXT)).contains("Claimed by this node: 1");
        assertThat(jmx.getAttribute(consumer, "ClaimedJobs")).isEqualTo(1);
        assertThat(meters.get("aivod.aijob.claimed").tag("label", "claims").gauge().value()).isEqualTo(1);

        letGo.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((String) console.call(DevConsole.MediaType.TEXT)).contains("Pending jobs: 0"));
        assertThat((String) console.call(DevConsole.MediaType.TEXT)).contains("Claimed by this node: 0");
        assertThat(jmx.getAttribute(consumer, "ClaimedJobs")).isEqualTo(0);
    }

    private ObjectName consumerMBean(MBeanServer jmx) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:context=" + camel.getManagementName()
                                                              + ",type=consumers,name=VodAiJobConsumer*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }
}
