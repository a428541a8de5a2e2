package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One line of a node's delivered file: the job, when its route recorded it, and its delivery count. */
record Delivery(String jobId, long atMillis, int count, String node) {

    static List<Delivery> read(Path file, String node) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            // a line cut short by a SIGKILL mid-write has fewer fields: that delivery did not complete
            if (fields.length == 3) {
                deliveries.add(new Delivery(fields[0], Long.parseLong(fields[1]), Integer.parseInt(fields[2]), node));
            }
        }
        return deliveries;
    }
}
