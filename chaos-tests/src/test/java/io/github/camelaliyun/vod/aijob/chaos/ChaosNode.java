package io.github.camelaliyun.vod.aijob.chaos;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;
import io.github.camelaliyun.vod.aijob.VodAiJobConstants;

/**
 * One node of the cluster, in a JVM of its own so that it can be killed and frozen: a Camel context whose consumer
 * watches the label's jobs in the shared PostgreSQL table (a HikariCP pool, as applications have) and whose route
 * does what a real one does with a finished AIMediaDNA job: it submits the billed follow-up (AIVideoTag on the same
 * video), and only then records the delivery. Some first deliveries fail on purpose after the submit, so that the job
 * is delivered again, maybe on another node, and that delivery must not pay again. Arguments are {@code key=value}
 * pairs, see {@link NodeSpec}; it prints {@code watching} once its route runs.
 */
public final class ChaosNode {

    /** A failure the route provokes on purpose; no stack trace, it would only bury the node's log. */
    static final class PlannedFailure extends RuntimeException {
        PlannedFailure(String jobId) {
            super("planned failure after the follow-up submit of job " + jobId, null, false, false);
        }
    }

    private ChaosNode() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String label = options.get("label");
        long routeDelay = Long.parseLong(options.get("routeDelay"));
        int failPercent = Integer.parseInt(options.get("failPercent"));
        FileOutputStream delivered = new FileOutputStream(options.get("delivered"), true);

        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(options.get("jdbcUrl"));
        pool.setMaximumPoolSize(Integer.parseInt(options.get("poolSize")));
        pool.setPoolName(options.get("name"));

        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName(options.get("name"));
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(options.get("emulator"));
        component.getConfiguration().setAccessKeyId(options.get("accessKeyId"));
        component.getConfiguration().setSecretKey(options.get("accessKeySecret"));
        camel.getRegistry().bind("ds", new HikariDataSource(pool));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:" + label + "?dataSource=#ds&jobStoreTable=" + options.get("table")
                     + "&leaseDuration=" + options.get("lease") + "&delay=" + options.get("delay") + "&initialDelay=0")
                        .routeId("chaos")
                        // submitAiJob answers with the new job's headers: keep what identifies the delivered one
                        .setProperty("deliveredJob", header(VodAiJobConstants.JOB_ID))
                        .setProperty("delivery", header(VodAiJobConstants.DELIVERY_COUNT))
                        // the exchanges in flight when a fault hits (started, not yet recorded) bound its duplicates
                        .process(e -> record(e, delivered, Delivery.STARTED))
                        .process(e -> Thread.sleep(routeDelay))
                        .setHeader(VodAiJobConstants.SUBMIT_MEDIA_ID, header(VodAiJobConstants.MEDIA_ID))
                        .to("aivod-aijob:" + label + "?operation=submitAiJob&jobTypes=AIVideoTag&track=false")
                        .process(e -> failSomeFirstDeliveries(e, failPercent, delivered))
                        .process(e -> record(e, delivered, Delivery.DELIVERED));
            }
        });
        camel.start();
        System.out.println("watching");
        Thread.currentThread().join();
    }

    /** Fails the first delivery of {@code failPercent} % of the jobs, chosen from the job id (the same on any node). */
    private static void failSomeFirstDeliveries(Exchange exchange, int failPercent, FileOutputStream delivered)
            throws IOException {
        String jobId = exchange.getProperty("deliveredJob", String.class);
        int delivery = exchange.getProperty("delivery", Integer.class);
        // Random scrambles the seed: String.hashCode alone maps job-1..job-9 to neighbouring values, failing runs of
        // consecutive jobs instead of a spread share
        if (delivery == 1 && new Random(jobId.hashCode()).nextInt(100) < failPercent) {
            // recorded too, so that the suite tells a follow-up paid again on another node from one on the same node
            record(exchange, delivered, Delivery.FAILED);
            throw new PlannedFailure(jobId);
        }
    }

    /**
     * One line per step of a delivery (job id, time, delivery count, started/failed/delivered), written through; the
     * last before the exchange completes.
     */
    private static void record(Exchange exchange, FileOutputStream delivered, String outcome) throws IOException {
        String line = exchange.getProperty("deliveredJob", String.class) + "\t" + System.currentTimeMillis() + "\t"
                      + exchange.getProperty("delivery", Integer.class) + "\t" + outcome + "\n";
        synchronized (delivered) {
            // unbuffered: the bytes are in the operating system when write returns, and survive a SIGKILL
            delivered.write(line.getBytes(StandardCharsets.UTF_8));
        }
    }
}
