package io.github.camelaliyun.vod.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's handle on {@link EmulatorProcessMain}, a child JVM on the same classpath: starts it, sends it
 * commands, and stops it on {@link #close()} or, should the benchmark die first, from a shutdown hook (and the child
 * stops by itself when its stdin closes). Its stderr goes to a log file next to the results.
 */
final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BufferedReader replies;
    private final Path log;
    private final Thread shutdownHook;
    private final int port;

    private EmulatorProcess(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.shutdownHook = new Thread(process::destroyForcibly, "emulator-process-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            this.port = Integer.parseInt(reply().substring("port ".length()));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the emulator's JVM, on the core {@code pinning} gives it, and waits until it listens. */
    static EmulatorProcess start(Path log, CpuPinning pinning) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(pinning.emulatorPrefix());
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), EmulatorProcessMain.class.getName()));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        return new EmulatorProcess(process, log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    URI uri() {
        return URI.create(url());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Adds jobs that have finished, under these ids. */
    void addFinishedJobs(List<String> ids) throws IOException {
        for (int from = 0; from < ids.size(); from += 1000) {
            send("add " + String.join(",", ids.subList(from, Math.min(ids.size(), from + 1000))));
        }
    }

    void latency(int millis) throws IOException {
        send("latency " + millis);
    }

    /** Forgets the calls so far (counts, nonces); keeps the jobs and the latency. */
    void reset() throws IOException {
        send("reset");
    }

    /** The calls of this action the emulator has answered since it started or was reset. */
    long calls(String action) throws IOException {
        return Long.parseLong(send("calls " + action).substring("ok ".length()));
    }

    synchronized String send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
        String reply = reply();
        if (!reply.startsWith("ok")) {
            throw new IllegalStateException("The emulator's JVM refused '" + command + "': " + reply);
        }
        return reply;
    }

    private String reply() throws IOException {
        for (String line = replies.readLine(); line != null; line = replies.readLine()) {
            if (line.startsWith(EmulatorProcessMain.REPLY)) {
                return line.substring(EmulatorProcessMain.REPLY.length());
            }
        }
        throw new IOException("The emulator's JVM (pid " + process.pid() + ") stopped; see " + log.toAbsolutePath());
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.write("quit\n");
                commands.flush();
            }
        } catch (IOException e) {
            // it is gone already, or going: destroyed below either way
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway and finds nothing to do
        }
    }
}
