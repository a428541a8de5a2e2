package io.github.camelaliyun.vod.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link VodEmulator} for a test class: started before the first test, {@link VodEmulator#reset() reset}
 * before each test, closed after the last.
 *
 * <pre>
 * &#64;RegisterExtension
 * static VodEmulatorExtension vod = new VodEmulatorExtension();
 * ... vod.emulator().url() ...
 * </pre>
 */
public final class VodEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private VodEmulator emulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = VodEmulator.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    public VodEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The VOD emulator runs only while the test class does: register this"
                                            + " extension on a static field with @RegisterExtension");
        }
        return emulator;
    }
}
