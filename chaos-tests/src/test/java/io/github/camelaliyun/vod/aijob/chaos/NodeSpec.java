package io.github.camelaliyun.vod.aijob.chaos;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link ChaosNode} is started with.
 *
 * @param name        the node's (and its Camel context's) name, such as node-0
 * @param jdbcUrl     the database, directly or through a {@link io.github.camelaliyun.vod.aijob.BlackholeProxy}
 * @param poolSize    the HikariCP pool's maximum size
 * @param routeDelay  milliseconds the route spends on each job before its submit (a slow route)
 * @param failPercent the share of jobs whose first delivery fails on purpose after the submit
 * @param delivered   the file the node appends each delivery to
 * @param accessKeyId each node has its own key: the emulator throttles SubmitAIJob per key, as the service does
 * @param pollDelay   the consumer's delay option, milliseconds between polls
 */
record NodeSpec(String name, String emulatorUrl, String accessKeyId, String accessKeySecret, String jdbcUrl,
                String table, String label, long leaseMillis, int poolSize, long routeDelay, int failPercent,
                Path delivered, long pollDelay) {

    List<String> arguments() {
        return List.of("name=" + name, "emulator=" + emulatorUrl, "accessKeyId=" + accessKeyId,
                "accessKeySecret=" + accessKeySecret, "jdbcUrl=" + jdbcUrl, "table=" + table, "label=" + label,
                "lease=" + leaseMillis, "poolSize=" + poolSize, "routeDelay=" + routeDelay,
                "failPercent=" + failPercent, "delivered=" + delivered, "delay=" + pollDelay);
    }
}
