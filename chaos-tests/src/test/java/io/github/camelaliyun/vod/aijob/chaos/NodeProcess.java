package io.github.camelaliyun.vod.aijob.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ChaosNode} in a child JVM (the test classpath), with the faults a process can suffer: SIGKILL, SIGSTOP and
 * SIGCONT. Its output, the node's log, goes to a file of its own; restarts append to it.
 */
final class NodeProcess implements AutoCloseable {

    private final NodeSpec spec;
    private final Path log;
    private Process process;

    private NodeProcess(NodeSpec spec, Path log) {
        this.spec = spec;
        this.log = log;
    }

    /** Starts the node; {@link #awaitWatching()} waits until its route runs. */
    static NodeProcess launch(NodeSpec spec, Path log) throws IOException {
        NodeProcess node = new NodeProcess(spec, log);
        node.launch();
        return node;
    }

    NodeSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    private void launch() throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-XX:+UseSerialGC",
                // a quicker start on a small machine: the node runs for a minute
                "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + NodeProcess.class.getResource("/chaos-node-log4j2.xml"),
                "-cp", System.getProperty("java.class.path"), ChaosNode.class.getName()));
        command.addAll(spec.arguments());
        Files.writeString(log, "---- starting " + spec.name() + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString()))).start();
    }

    /** Waits until the node printed {@code watching}; fails naming its log if it died or took over a minute. */
    void awaitWatching() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (text.substring(text.lastIndexOf("---- starting")).contains("\nwatching")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(spec.name() + " did not start (alive: " + process.isAlive() + "); see "
                                        + log);
    }

    /** SIGKILL: no shutdown hook, no completion, the leases stay in the table until they expire. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the node again (after {@link #kill()}), same file, same table. */
    void restart() throws IOException, InterruptedException {
        launch();
        awaitWatching();
    }

    /** SIGSTOP: the JVM freezes, as in a long GC pause or a suspended VM; its sockets stay open. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: the JVM goes on where it stopped, unaware of the time that passed. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Every delivery the node recorded (its route completed), across its restarts. */
    List<Delivery> deliveries() throws IOException {
        return attempts().stream().filter(Delivery::delivered).toList();
    }

    /** The deliveries and the failures on purpose. */
    List<Delivery> attempts() throws IOException {
        return lines().stream().filter(d -> !d.started()).toList();
    }

    /** Every line of the node's file, the starts of exchanges included. */
    List<Delivery> lines() throws IOException {
        return Delivery.read(spec.delivered(), spec.name());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // a frozen JVM ignores SIGTERM until it runs again
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
