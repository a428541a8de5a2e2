package io.github.camelaliyun.vod.aijob.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The course of every scenario: jobs finish over some seconds while the nodes deliver them; once deliveries are under
 * way, and just after node-0 delivered one (so that it has exchanges in flight), the fault is injected; when it has
 * ended, a second wave of jobs is added in small groups, which every node must take a share of (it recovered without
 * a restart); then the run waits until every job was delivered and the table is empty, or a deadline passes.
 */
final class ChaosScenario {

    /** A fault: injects it, waits for it to end (restores what it broke), and tells when it ran. */
    @FunctionalInterface
    interface Fault {
        FaultWindow inject(ChaosCluster cluster) throws Exception;
    }

    static final int FIRST_WAVE = 300;
    static final Duration FIRST_WAVE_FINISHING = Duration.ofSeconds(12);
    static final int SECOND_WAVE_GROUPS = 6;
    static final int SECOND_WAVE_GROUP = 10;

    private ChaosScenario() {
    }

    static ChaosOutcome run(ChaosCluster cluster, VodEmulator vod, Fault fault, int duplicateBound, String bound)
            throws Exception {
        Random random = new Random(cluster.scenario().hashCode());
        cluster.addJobs("w1", FIRST_WAVE, Duration.ofMillis(500), FIRST_WAVE_FINISHING, random);
        boolean underWay = ChaosCluster.await(Duration.ofSeconds(60), () -> cluster.deliveries().size() >= 60);
        if (!underWay) {
            throw new IllegalStateException(cluster.scenario() + ": the nodes delivered fewer than 60 jobs within 60 s"
                                            + " before any fault; see the node logs in " + cluster.dir());
        }
        int before = cluster.node(0).deliveries().size();
        ChaosCluster.await(Duration.ofSeconds(10), () -> cluster.node(0).deliveries().size() > before);
        FaultWindow window = fault.inject(cluster);

        List<String> secondWave = new ArrayList<>();
        for (int group = 0; group < SECOND_WAVE_GROUPS; group++) {
            // small groups, so that each is claimed by whichever node polls first: every live node gets some
            secondWave.addAll(cluster.addJobs("w2", SECOND_WAVE_GROUP, Duration.ofMillis(300),
                    Duration.ofMillis(1200), random));
            Thread.sleep(500);
        }
        List<String> all = cluster.jobIds();
        boolean done = ChaosCluster.await(Duration.ofSeconds(60), () -> cluster.pendingRows() == 0
                && cluster.deliveries().stream().map(Delivery::jobId).distinct().count() == all.size());
        // an exchange that was in flight when its job was delivered elsewhere may still record itself
        Thread.sleep(1000);
        return ChaosOutcome.measure(cluster, vod, window, secondWave, duplicateBound, bound, done);
    }
}
