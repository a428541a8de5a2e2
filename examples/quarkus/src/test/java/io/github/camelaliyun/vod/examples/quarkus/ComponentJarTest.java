package io.github.camelaliyun.vod.examples.quarkus;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What Camel Quarkus needs in the component's jar: the Jandex index (without it, {@code getComponent} returns null
 * in a Quarkus application unless {@code quarkus.index-dependency} names the jar) and Camel's services file. Reads
 * the jar this module's classpath holds, the one {@code ./mvnw verify} built.
 */
class ComponentJarTest {

    @Test
    void jarHoldsTheJandexIndexAndTheServicesFile() throws Exception {
        Path jar = Path.of(VodAiJobComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assumeTrue(Files.isRegularFile(jar), "the component is a jar only when its package phase ran: " + jar);

        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry services = file.getEntry("META-INF/services/org/apache/camel/component/aivod-aijob");
            assertThat(services).as("Camel's services file for the aivod-aijob scheme").isNotNull();
            try (InputStream in = file.getInputStream(services)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("class=" + VodAiJobComponent.class.getName());
            }

            ZipEntry jandex = file.getEntry("META-INF/jandex.idx");
            assertThat(jandex).as("META-INF/jandex.idx").isNotNull();
            try (InputStream in = file.getInputStream(jandex)) {
                IndexView index = new IndexReader(in).read();
                ClassInfo component = index.getClassByName(DotName.createSimple(VodAiJobComponent.class.getName()));
                assertThat(component).as("the index knows the component class").isNotNull();
                assertThat(component.declaredAnnotation(
                        DotName.createSimple("org.apache.camel.spi.annotations.Component")).value().asString())
                        .isEqualTo("aivod-aijob");
            }
        }
    }
}
