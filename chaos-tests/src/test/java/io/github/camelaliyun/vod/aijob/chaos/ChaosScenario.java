package io.github.camelaliyun.vod.aijob.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The course of every scenario: the first wave's jobs finish in bursts (every second, 30 at once), so that a poll finds
 * a batch of finished jobs and its node spends about a second handing them to its route one by one; once deliveries
 * are under way, the fault is injected just after node-0 began such a batch (the moment the bugs live in: jobs
 * claimed, one in the route, the rest waiting in the batch). When the fault has ended, a second wave of jobs is
 * added in small groups, which every node must take a share of (it recovered without a restart); then the run waits
 * until every job was delivered and the table is empty, or a deadline passes.
 */
final class ChaosScenario {

    /** A fault: injects it, waits for it to end (restores what it broke), and tells when it ran. */
    @FunctionalInterface
    interface Fault {
        FaultWindow inject(ChaosCluster cluster) throws Exception;
    }

    static final int BURSTS = 10;
    static final int BURST = 30;
    static final int SECOND_WAVE_GROUPS = 6;
    static final int SECOND_WAVE_GROUP = 10;

    private ChaosScenario() {
    }

    /**
     * @param bound which exchanges may be delivered twice, in words; their number is counted from the node files:
     *              those in flight on the nodes the fault hit at the moment it began
     */
    static ChaosOutcome run(ChaosCluster cluster, VodEmulator vod, Fault fault, String bound) throws Exception {
        Random random = new Random(cluster.scenario().hashCode());
        for (int burst = 0; burst < BURSTS; burst++) {
            cluster.addJobs("w1", BURST, Duration.ofMillis(1000 + 1000L * burst), Duration.ofMillis(50), random);
        }
        boolean underWay = ChaosCluster.await(Duration.ofSeconds(60), () -> cluster.deliveries().size() >= 2 * BURST);
        if (!underWay) {
            throw new IllegalStateException(cluster.scenario() + ": the nodes delivered fewer than " + 2 * BURST
                                            + " jobs within 60 s before any fault; see the node logs in "
                                            + cluster.dir());
        }
        boolean midBatch = ChaosCluster.await(Duration.ofSeconds(10), () -> startedABatch(cluster.node(0)));
        FaultWindow window = fault.inject(cluster);
        int duplicateBound = cluster.inFlight(window.hitNodes(), window.startMillis());

        List<String> secondWave = new ArrayList<>();
        for (int group = 0; group < SECOND_WAVE_GROUPS; group++) {
            // small groups, so that each is claimed by whichever node polls first: every live node gets some
            secondWave.addAll(cluster.addJobs("w2", SECOND_WAVE_GROUP, Duration.ofMillis(300),
                    Duration.ofMillis(1200), random));
            Thread.sleep(500);
        }
        List<String> all = cluster.jobIds();
        boolean done = ChaosCluster.await(Duration.ofSeconds(60), () -> settled(cluster, all));
        // an exchange that was in flight when its job was delivered elsewhere may still record itself
        Thread.sleep(1000);
        return ChaosOutcome.measure(cluster, vod, window, secondWave, duplicateBound, bound, done, midBatch);
    }

    /** Every job delivered or stranded (see {@link ChaosCluster#strandedJobs}), and no other row left. */
    private static boolean settled(ChaosCluster cluster, List<String> all) throws IOException {
        List<String> stranded = cluster.strandedJobs();
        Set<String> done = new HashSet<>(stranded);
        cluster.deliveries().forEach(d -> done.add(d.jobId()));
        return cluster.pendingRows() == stranded.size() && done.size() == all.size();
    }

    /**
     * Whether the node began handing a batch to its route a moment ago: the latest exchange to enter its route after
     * a pause of 400 ms or more did so within the last 100 ms. Injected then, the fault finds most of the batch not
     * yet delivered.
     */
    private static boolean startedABatch(NodeProcess node) throws IOException {
        long[] times = node.lines().stream().filter(Delivery::started).mapToLong(Delivery::atMillis).sorted()
                .toArray();
        for (int i = times.length - 1; i >= 0; i--) {
            if (i == 0 || times[i] - times[i - 1] >= 400) {
                return System.currentTimeMillis() - times[i] <= 100;
            }
        }
        return false;
    }
}
