package io.github.camelaliyun.vod.aijob.observability;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;

/**
 * Runs a consumer to one delivery in a class loader without Micrometer ({@link NoMicrometerTest} loads this class
 * there) and answers the dev console's text. Only JDK and Camel types cross the loader boundary: strings.
 */
public final class NoMicrometerRun {

    private NoMicrometerRun() {
    }

    public static String run(String endpoint, String accessKeyId, String accessKeySecret, String jobId)
            throws Exception {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            throw new IllegalStateException("Micrometer is visible: the test's class loader does not hide it");
        } catch (ClassNotFoundException expected) {
            // as in an application without Micrometer
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setApplicationContextClassLoader(NoMicrometerRun.class.getClassLoader());
        camel.disableJMX(); // the outer test's contexts use the platform MBean server with the same names
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        if (component.getClass().getClassLoader() != NoMicrometerRun.class.getClassLoader()) {
            throw new IllegalStateException("the component came from another class loader");
        }
        component.getConfiguration().setEndpoint(endpoint);
        component.getConfiguration().setAccessKeyId(accessKeyId);
        component.getConfiguration().setSecretKey(accessKeySecret);
        CountDownLatch delivered = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:nometer?jobIds=" + jobId + "&delay=100&initialDelay=0")
                        .process(e -> delivered.countDown());
            }
        });
        try {
            camel.start();
            if (!delivered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the job was not delivered within 10 s");
            }
            // the route ran; the job leaves the store and the delivery is counted when its exchange completes, a
            // moment later, in that order or the other
            DevConsole console = PluginHelper.getDevConsoleResolver(camel).resolveDevConsole("aivod-aijob");
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            for (int i = 0; i < 100 && !(text.contains("Pending jobs: 0") && text.contains("Deliveries: 1 completed"));
                 i++) {
                Thread.sleep(100);
                text = (String) console.call(DevConsole.MediaType.TEXT);
            }
            return text;
        } finally {
            camel.stop();
        }
    }
}
