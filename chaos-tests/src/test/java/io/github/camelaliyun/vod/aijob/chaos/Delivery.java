package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a node's delivered file: the job, when its route recorded it, its delivery count, and whether the route
 * completed ({@link #DELIVERED}) or failed on purpose after the follow-up submit ({@link #FAILED}).
 */
record Delivery(String jobId, long atMillis, int count, String node, boolean delivered) {

    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    /** Every attempt the node recorded, the failed ones included. */
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
                        DELIVERED.equals(fields[3])));
            }
        }
        return deliveries;
    }
}
