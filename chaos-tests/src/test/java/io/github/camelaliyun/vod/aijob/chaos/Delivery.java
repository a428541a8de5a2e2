package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a node's delivered file: the job, when its route recorded it, its delivery count, and the step: the
 * exchange entered the route ({@link #STARTED}), failed on purpose after the follow-up submit ({@link #FAILED}), or
 * is about to complete ({@link #DELIVERED}).
 */
record Delivery(String jobId, long atMillis, int count, String node, String step) {

    static final String STARTED = "started";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    boolean delivered() {
        return DELIVERED.equals(step);
    }

    boolean started() {
        return STARTED.equals(step);
    }

    /** The same exchange: job, node and delivery count. */
    boolean sameExchange(Delivery other) {
        return jobId.equals(other.jobId) && node.equals(other.node) && count == other.count;
    }

    /** Every line the node wrote. */
    static List<Delivery> read(Path file, String node) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            // a line cut short by a SIGKILL mid-write has fewer fields: that delivery did not complete
            if (fields.length == 4) {
                deliveries.add(new Delivery(fields[0], Long.parseLong(fields[1]), Integer.parseInt(fields[2]), node,
                        fields[3]));
            }
        }
        return deliveries;
    }
}
