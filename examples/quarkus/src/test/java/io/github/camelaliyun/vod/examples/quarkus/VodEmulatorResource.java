package io.github.camelaliyun.vod.examples.quarkus;

import java.util.Map;

import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a VOD emulator on loopback before the application and points the component at it. */
public class VodEmulatorResource implements QuarkusTestResourceLifecycleManager {

    private VodEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = VodEmulator.start();
        return Map.of(
                "camel.component.aivod-aijob.endpoint", emulator.url(),
                "camel.component.aivod-aijob.access-key-id", VodEmulator.DEMO_ACCESS_KEY_ID,
                "camel.component.aivod-aijob.secret-key", VodEmulator.DEMO_ACCESS_KEY_SECRET,
                "example.poll-delay", "1000");
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}
