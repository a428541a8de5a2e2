package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The figures of one scenario and the guarantees they are held to: every job delivered and the table empty; no
 * follow-up paid twice for one video; at most {@code duplicateBound} jobs delivered twice; every node the fault hit
 * delivered jobs added after the fault (it recovered without a restart). The recovery times are printed, not asserted.
 */
final class ChaosOutcome {

    private final String scenario;
    private final int jobs;
    private final int deliveries;
    private final int delivered;
    private final List<String> missing;
    private final Map<String, Integer> duplicated;
    private final int duplicateBound;
    private final String bound;
    private final Map<String, Long> paidTwice;
    private final List<String> paidNever;
    /** Of the videos paid twice, those whose job was attempted on one node only: that node's own ledger failed. */
    private final List<String> paidTwiceOnOneNode;
    private final int pendingRows;
    /** Kept pending because the outcome of their follow-up's submit is unknown: a person must check them. */
    private final List<String> stranded;
    private final long recoveryMillis;
    private final Map<String, Long> recoveryOfHitNodes = new LinkedHashMap<>();
    private final Map<String, Integer> secondWaveByNode = new LinkedHashMap<>();
    private final boolean settled;
    private final boolean midBatch;
    private final List<String> violations = new ArrayList<>();

    private ChaosOutcome(ChaosCluster cluster, VodEmulator vod, FaultWindow window, List<String> secondWave,
                         int duplicateBound, String bound, boolean settled, boolean midBatch) throws IOException {
        this.scenario = cluster.scenario();
        this.midBatch = midBatch;
        this.duplicateBound = duplicateBound;
        this.bound = bound;
        this.settled = settled;
        List<String> ids = cluster.jobIds();
        List<Delivery> all = cluster.deliveries();
        jobs = ids.size();
        deliveries = all.size();
        Map<String, Integer> times = new TreeMap<>();
        all.forEach(d -> times.merge(d.jobId(), 1, Integer::sum));
        delivered = times.size();
        stranded = cluster.strandedJobs();
        missing = ids.stream().filter(id -> !times.containsKey(id) && !stranded.contains(id)).toList();
        duplicated = times.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        Map<String, Long> submits = vod.stats().submitsByMediaId();
        paidTwice = new TreeMap<>();
        List<String> never = new ArrayList<>();
        for (String id : ids) {
            long n = submits.getOrDefault(ChaosCluster.mediaIdOf(id), 0L);
            if (n > 1) {
                paidTwice.put(id, n);
            } else if (n == 0 && times.containsKey(id)) {
                // a delivery is recorded after its submit: the counter must have seen it
                never.add(id);
            }
        }
        paidNever = never;
        List<Delivery> attempts = cluster.attempts();
        paidTwiceOnOneNode = paidTwice.keySet().stream().filter(id -> attempts.stream()
                .filter(d -> d.jobId().equals(id)).map(Delivery::node).distinct().count() == 1).toList();
        pendingRows = cluster.pendingRows() - stranded.size();
        recoveryMillis = all.stream().mapToLong(Delivery::atMillis).filter(t -> t >= window.endMillis()).min()
                .orElse(-1 - window.endMillis()) - window.endMillis();
        for (int n : window.hitNodes()) {
            String node = cluster.node(n).name();
            long first = all.stream().filter(d -> d.node().equals(node)).mapToLong(Delivery::atMillis)
                    .filter(t -> t >= window.endMillis()).min().orElse(-1 - window.endMillis());
            recoveryOfHitNodes.put(node, first - window.endMillis());
        }
        Set<String> second = new HashSet<>(secondWave);
        for (NodeProcess node : cluster.nodes()) {
            secondWaveByNode.put(node.name(), (int) all.stream()
                    .filter(d -> d.node().equals(node.name()) && second.contains(d.jobId())).count());
        }
        check();
        writeDetails(cluster);
    }

    static ChaosOutcome measure(ChaosCluster cluster, VodEmulator vod, FaultWindow window, List<String> secondWave,
                                int duplicateBound, String bound, boolean settled, boolean midBatch)
            throws IOException {
        return new ChaosOutcome(cluster, vod, window, secondWave, duplicateBound, bound, settled, midBatch);
    }

    private void check() {
        if (!missing.isEmpty()) {
            violations.add(missing.size() + " jobs never delivered");
        }
        if (pendingRows != 0) {
            violations.add(pendingRows + " rows left in the table");
        }
        if (!paidTwice.isEmpty()) {
            violations.add(paidTwice.size() + " follow-ups submitted twice");
        }
        if (!paidNever.isEmpty()) {
            violations.add(paidNever.size() + " delivered jobs without a counted submit");
        }
        int duplicates = duplicateCount();
        if (duplicates > duplicateBound) {
            violations.add(duplicates + " duplicates > bound " + duplicateBound);
        }
        // only an exchange caught by the fault between its submit and the record of its answer can leave one
        if (stranded.size() > duplicateBound) {
            violations.add(stranded.size() + " jobs stranded with a submit of unknown outcome > bound " + duplicateBound);
        }
        // a node the fault hit shows it recovered by taking some of the later jobs; that a node the fault spared
        // took none is chance (the others polled first), not a failure
        recoveryOfHitNodes.keySet().forEach(node -> {
            if (secondWaveByNode.getOrDefault(node, 0) == 0) {
                violations.add(node + " delivered none of the jobs added after the fault");
            }
        });
    }

    /** Deliveries beyond the first of each job. */
    int duplicateCount() {
        return duplicated.values().stream().mapToInt(n -> n - 1).sum();
    }

    List<String> violations() {
        return violations;
    }

    /** The one console line of the scenario. */
    String summary() {
        return String.format("chaos %-18s %d jobs, %d delivered%s, %d duplicates (bound: %d in flight at the fault), %d follow-ups paid twice,"
                             + " %d rows left, %d stranded, recovery %s%s, after the fault %s: %s",
                scenario, jobs, delivered, missing.isEmpty() ? "" : " (" + missing.size() + " MISSING)",
                duplicateCount(), duplicateBound, paidTwice.size(), pendingRows, stranded.size(),
                millis(recoveryMillis),
                recoveryOfHitNodes.isEmpty() ? "" : " " + recoveryOfHitNodes.entrySet().stream()
                        .map(e -> e.getKey() + " " + millis(e.getValue())).collect(Collectors.joining(", ", "(", ")")),
                secondWaveByNode, violations.isEmpty() ? "OK" : "FAILED " + String.join("; ", violations));
    }

    private static String millis(long millis) {
        return millis < 0 ? "none" : millis + " ms";
    }

    /** The ids behind the figures, next to the node logs. */
    private void writeDetails(ChaosCluster cluster) throws IOException {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        text.append("duplicate bound: ").append(bound).append('\n');
        text.append("fault injected just after node-0 began a batch: ").append(midBatch).append('\n');
        text.append("settled before the deadline: ").append(settled).append('\n');
        text.append("deliveries: ").append(deliveries).append('\n');
        text.append("missing: ").append(missing).append('\n');
        text.append("delivered more than once (times): ").append(duplicated).append('\n');
        text.append("follow-ups submitted more than once (submits): ").append(paidTwice).append('\n');
        text.append("of those, attempted on one node only: ").append(paidTwiceOnOneNode).append('\n');
        text.append("delivered without a counted submit: ").append(paidNever).append('\n');
        text.append("stranded (submit of unknown outcome, kept for a person): ").append(stranded).append('\n');
        Files.writeString(cluster.dir().resolve("outcome.txt"), text, StandardCharsets.UTF_8);
    }
}
