package io.github.camelaliyun.vod.examples.yamlmain;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML example and the Kamelets are written in the canonical YAML DSL (checked here, on Camel 4.22): it logs "YAML DSL compact notation
 * detected" at WARN for a file in the compact one (a language key right on the EIP, a step or an expression written
 * as a plain string), on every load, to a user who did nothing wrong.
 */
class CanonicalYamlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "src/main/resources/routes/vod-ai-jobs.camel.yaml",
            "src/main/resources/callbacks/vod-events.camel.yaml",
            "src/main/resources/callbacks-mns/vod-events.camel.yaml",
            "../../kamelets/src/main/resources/kamelets/aliyun-vod-aijob-source.kamelet.yaml",
            "../../kamelets/src/main/resources/kamelets/aliyun-vod-aijob-sink.kamelet.yaml",
            "../../kamelets/src/test/resources/routes/kamelet-routes.yaml" })
    void loadsWithoutTheCompactNotationWarning(String file) throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        AbstractAppender appender = new AbstractAppender("compact-notation", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        Logger root = (Logger) LogManager.getRootLogger();
        root.addAppender(appender);
        try (CamelContext camel = new DefaultCamelContext()) {
            Resource resource = ResourceHelper.resolveMandatoryResource(camel,
                    "file:" + Path.of(file).toAbsolutePath());
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
        } finally {
            root.removeAppender(appender);
            appender.stop();
        }
        assertThat(warnings).as(file).noneMatch(w -> w.contains("compact notation"));
    }
}
