package io.github.camelaliyun.vod.aijob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The child JVM of {@link JdbcNodeKilledTest}: a node of the cluster on the shared table that appends each job it
 * receives to a file, with the wall-clock time in milliseconds, before its exchange completes, and runs until it is
 * killed. Arguments: emulator URL, JDBC URL,
 * table, delivered file, lease duration in milliseconds.
 */
public final class CrashableJdbcNode {

    private CrashableJdbcNode() {
    }

    public static void main(String[] args) throws Exception {
        String emulator = args[0];
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(args[1]);
        dataSource.setMaximumPoolSize(4);
        String table = args[2];
        Path delivered = Path.of(args[3]);
        String lease = args[4];
        CamelContext camel = new DefaultCamelContext();
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(emulator);
        component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
        component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
        camel.getRegistry().bind("ds", dataSource);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("aivod-aijob:killed?delay=50&initialDelay=0&dataSource=#ds&jobStoreTable=" + table
                     + "&leaseDuration=" + lease)
                        .process(e -> Files.writeString(delivered,
                                e.getMessage().getHeader(VodAiJobConstants.JOB_ID, String.class) + " "
                                + System.currentTimeMillis() + "\n",
                                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            }
        });
        camel.start();
        System.out.println("watching");
        Thread.currentThread().join();
    }
}
