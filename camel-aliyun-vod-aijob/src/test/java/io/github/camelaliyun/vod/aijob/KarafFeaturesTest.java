package io.github.camelaliyun.vod.aijob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Karaf features file the build attaches (target/features/features.xml of the component module, found from where
 * the component's classes are). Karaf itself is not run here: this checks the file is well-formed, fully filtered,
 * and names the component and each library it needs at the versions the component is built with.
 */
class KarafFeaturesTest {

    @Test
    void featuresFileNamesTheBundleAndItsLibraries() throws Exception {
        Path classes = Path.of(VodAiJobComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path features = classes.getParent().resolve("features/features.xml");
        assertThat(features).exists();
        String text = Files.readString(features);
        assertThat(text).doesNotContain("${");

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(features.toFile());
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo("http://karaf.apache.org/xmlns/features/v1.6.0");
        NodeList nodes = document.getElementsByTagNameNS("*", "bundle");
        List<String> bundles = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            bundles.add(nodes.item(i).getTextContent().trim());
        }
        assertThat(bundles).anyMatch(b -> b.matches("mvn:io\\.github\\.camelaliyun/camel-aliyun-vod-aijob/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"))
                .anyMatch(b -> b.startsWith("wrap:mvn:org.apache.httpcomponents.client5/httpclient5/5."))
                .anyMatch(b -> b.startsWith("wrap:mvn:org.apache.httpcomponents.core5/httpcore5/5."))
                .anyMatch(b -> b.startsWith("mvn:com.fasterxml.jackson.core/jackson-databind/2."));
        // the versions the component's own classpath holds
        String httpclient5 = versionOf("org.apache.hc.client5.http.impl.async.HttpAsyncClients", "httpclient5");
        assertThat(bundles).anyMatch(b -> b.contains("/httpclient5/" + httpclient5 + "$"));
        assertThat(bundles).anyMatch(b -> b.contains("/jackson-databind/" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION));
    }

    private static String versionOf(String className, String artifactId) throws Exception {
        Path jar = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        String name = jar.getFileName().toString();
        return name.substring(artifactId.length() + 1, name.length() - ".jar".length());
    }
}
