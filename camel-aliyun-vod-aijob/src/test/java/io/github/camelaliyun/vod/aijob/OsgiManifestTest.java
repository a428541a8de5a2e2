package io.github.camelaliyun.vod.aijob;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OSGi manifest that bnd-maven-plugin writes, read where the component's classes come from: target/classes in
 * this module (the file the jar packs as it is), the built jar when lts-tests runs this class. An OSGi resolver reads
 * nothing else, so the ranges are checked here rather than trusted.
 */
class OsgiManifestTest {

    @Test
    void exportsTheComponentAndImportsCamelHttpClientAndJacksonInRange() throws Exception {
        Attributes main = manifest().getMainAttributes();

        assertThat(main.getValue("Bundle-ManifestVersion")).isEqualTo("2");
        assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("io.github.camelaliyun.camel-aliyun-vod-aijob");

        Map<String, String> exports = packages(main.getValue("Export-Package"));
        assertThat(exports.keySet()).contains(
                "io.github.camelaliyun.vod.aijob",
                "io.github.camelaliyun.vod.aijob.client",
                "io.github.camelaliyun.vod.aijob.client.credentials",
                "io.github.camelaliyun.vod.aijob.model",
                "io.github.camelaliyun.vod.aijob.store");
        assertThat(exports.keySet()).allMatch(name -> name.startsWith("io.github.camelaliyun.vod.aijob"));
        // the packages of how it works inside are the bundle's own: no other bundle may come to depend on them
        assertThat(exports.keySet()).doesNotContain(
                "io.github.camelaliyun.vod.aijob.lookup", "io.github.camelaliyun.vod.aijob.input",
                "io.github.camelaliyun.vod.aijob.calls", "io.github.camelaliyun.vod.aijob.submit",
                "io.github.camelaliyun.vod.aijob.consume", "io.github.camelaliyun.vod.aijob.events",
                "io.github.camelaliyun.vod.aijob.observability", "io.github.camelaliyun.vod.aijob.label");
        assertThat(exports.get("io.github.camelaliyun.vod.aijob")).contains("version=");

        Map<String, String> imports = packages(main.getValue("Import-Package"));
        assertThat(imports).containsKeys("org.apache.camel", "org.apache.camel.spi", "org.apache.camel.support",
                "org.apache.camel.health", "org.apache.hc.client5.http.impl.async", "com.fasterxml.jackson.databind");
        imports.forEach((name, attributes) -> {
            if (name.startsWith("org.apache.camel")) {
                assertThat(attributes).as(name).contains("version=\"[4.18,5)\"");
            } else if (name.startsWith("org.apache.hc.")) {
                assertThat(attributes).as(name).contains("version=\"[5,6)\"");
            } else if (name.startsWith("com.fasterxml.jackson.")) {
                assertThat(attributes).as(name).contains("version=\"[2.15,3)\"");
            }
        });
        // nothing a test or the vendor's SDK brings: those are not on an OSGi container's classpath
        assertThat(imports.keySet()).noneMatch(name -> name.startsWith("com.aliyun")
                || name.startsWith("org.junit") || name.startsWith("org.assertj")
                || name.startsWith("io.github.camelaliyun.vod.emulator"));
        // java.* comes from the framework's boot class path: some frameworks refuse a bundle importing it
        assertThat(imports.keySet()).noneMatch(name -> name.startsWith("java."));
    }

    private static Manifest manifest() throws Exception {
        Path classes = Path.of(VodAiJobComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(classes)) {
            try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(classes.toFile())) {
            return jar.getManifest();
        }
    }

    /** An OSGi package header as package name to its attributes; commas inside quotes belong to a range. */
    private static Map<String, String> packages(String header) {
        assertThat(header).isNotBlank();
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        Map<String, String> packages = new LinkedHashMap<>();
        for (String each : clauses) {
            int semicolon = each.indexOf(';');
            String name = (semicolon < 0 ? each : each.substring(0, semicolon)).trim();
            packages.put(name, semicolon < 0 ? "" : each.substring(semicolon + 1));
        }
        return packages;
    }
}
