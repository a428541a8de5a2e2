package io.github.camelaliyun.vod.examples.yamlmain;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * camel.jbang.dependencies is read by Camel JBang only (not installed where this project is built, so `camel run` is
 * not run here): this keeps it naming the component at the version this build makes, which a release would forget.
 */
class JbangDependenciesTest {

    @Test
    void jbangDependenciesNameTheComponentAtThisVersion() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String version = System.getProperty("project.version");
        assertThat(version).as("set by the pom's surefire configuration").isNotBlank();
        assertThat(Arrays.stream(properties.getProperty("camel.jbang.dependencies", "").split(",")).map(String::trim))
                .contains("io.github.camelaliyun:camel-aliyun-vod-aijob:" + version);
    }
}
