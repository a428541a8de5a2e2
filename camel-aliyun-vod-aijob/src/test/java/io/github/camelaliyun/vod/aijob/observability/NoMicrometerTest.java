package io.github.camelaliyun.vod.aijob.observability;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulator;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Micrometer is an optional dependency: an application without it must run the component as before. The test runs a
 * consumer in a class loader that holds the test class path less Micrometer's jars (Camel's and the component's classes
 * loaded afresh there, and made the thread's context class loader for the run).
 */
class NoMicrometerTest {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Test
    void theComponentRunsAndItsConsoleWorksWithoutMicrometerOnTheClassPath() throws Exception {
        List<URL> withoutMicrometer = new ArrayList<>();
        for (File entry : classPath()) {
            if (!entry.getPath().contains(File.separator + "micrometer" + File.separator)) {
                withoutMicrometer.add(entry.toURI().toURL());
            }
        }
        assertThat(withoutMicrometer).hasSizeLessThan(classPath().size()); // some jar was left out
        VOD.emulator().addJob(EmulatedJob.builder("no-meter-job").build());
        try (URLClassLoader isolated = new URLClassLoader(withoutMicrometer.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Method run = isolated.loadClass(NoMicrometerRun.class.getName())
                    .getMethod("run", String.class, String.class, String.class, String.class);
            String console;
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(isolated);
            try {
                console = (String) run.invoke(null, VOD.emulator().url(), VodEmulator.DEMO_ACCESS_KEY_ID,
                        VodEmulator.DEMO_ACCESS_KEY_SECRET, "no-meter-job");
            } catch (InvocationTargetException e) {
                throw new AssertionError("the run without Micrometer failed: " + e.getCause(), e.getCause());
            } finally {
                Thread.currentThread().setContextClassLoader(before);
            }
            assertThat(console).contains("Label: nometer", "Pending jobs: 0", "Deliveries: 1 completed");
        }
    }

    /** The test class path, with the entries of Surefire's manifest-only jar spelled out. */
    private static List<File> classPath() throws IOException {
        List<File> entries = new ArrayList<>();
        for (String part : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(part);
            entries.add(file);
            if (file.isFile() && part.endsWith(".jar")) {
                try (JarFile jar = new JarFile(file)) {
                    Manifest manifest = jar.getManifest();
                    String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        for (String url : listed.trim().split("\\s+")) {
                            entries.add(new File(java.net.URI.create(new URL(file.toURI().toURL(), url).toString())));
                        }
                    }
                }
            }
        }
        return entries;
    }
}
