package io.github.camelaliyun.vod.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;

/**
 * The VOD emulator in a JVM of its own, started by {@link EmulatorProcess}: so that at 0 ms latency the contenders'
 * own cost shows, not the emulator's work on the same cores. It is the ordinary {@link VodEmulator} (demo credentials,
 * every signature checked); the benchmark drives it through stdin, one command a line, and reads one reply line each
 * on stdout (everything else the JVM prints goes to stderr). It stops on {@code quit} and when stdin closes, so it
 * does not outlive a benchmark that was killed.
 *
 * <pre>
 * add ID,ID,...      -> ok COUNT    jobs that have finished, COUNT jobs held now
 * latency MS         -> ok          the latency fault on every call
 * calls ACTION       -> ok N        calls of ACTION the emulator answered
 * reset              -> ok          forgets calls and used nonces; keeps the jobs added and the latency
 * </pre>
 *
 * {@code reset} before each measurement gives every contender the same emulator: one that has not yet remembered
 * tens of thousands of calls (it keeps every call's nonce and job ids, and past 100,000 nonces it scans them all on
 * each call, about 60 times slower).
 */
public final class EmulatorProcessMain {

    static final String REPLY = "emulator: ";

    private EmulatorProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream replies = System.out;
        System.setOut(System.err); // the control channel carries replies only
        try (VodEmulator emulator = VodEmulator.start();
             BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            replies.println(REPLY + "port " + emulator.port());
            replies.flush();
            for (String line = commands.readLine(); line != null && !line.equals("quit"); line = commands.readLine()) {
                String answer;
                try {
                    answer = answer(emulator, line);
                } catch (RuntimeException e) {
                    answer = "error " + e;
                }
                replies.println(REPLY + answer);
                replies.flush();
            }
        }
        System.exit(0);
    }

    private static final List<String> JOB_IDS = new ArrayList<>();
    private static Duration latency = Duration.ZERO;

    private static String answer(VodEmulator emulator, String line) {
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1);
        switch (command) {
            case "add":
                List<String> ids = Arrays.asList(argument.split(","));
                ids.forEach(id -> emulator.addJob(EmulatedJob.builder(id).build()));
                JOB_IDS.addAll(ids);
                return "ok " + emulator.jobCount();
            case "latency":
                latency = Duration.ofMillis(Long.parseLong(argument));
                emulator.faults().latency(latency);
                return "ok";
            case "reset":
                emulator.reset();
                JOB_IDS.forEach(id -> emulator.addJob(EmulatedJob.builder(id).build()));
                emulator.faults().latency(latency);
                return "ok";
            case "calls":
                return "ok " + emulator.stats().calls(argument);
            default:
                return "error unknown command '" + command + "'; use add, latency, calls, reset or quit";
        }
    }
}
