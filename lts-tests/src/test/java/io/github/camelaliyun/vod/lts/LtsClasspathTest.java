package io.github.camelaliyun.vod.lts;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;

import static org.assertj.core.api.Assertions.assertThat;

/** What the other tests of this module rely on: Camel is the LTS line, and the component is the jar built against 4.22. */
class LtsClasspathTest {

    @Test
    void camelIsTheLtsLineAndTheComponentIsTheBuiltJar() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThat(camel.getVersion()).startsWith("4.18.");
        }
        assertThat(DefaultComponent.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("/camel-support-4.18.");
        Path component = Path.of(VodAiJobComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(component.getFileName().toString()).startsWith("camel-aliyun-vod-aijob-").endsWith(".jar");
        assertThat(Files.isRegularFile(component)).isTrue();
    }
}
