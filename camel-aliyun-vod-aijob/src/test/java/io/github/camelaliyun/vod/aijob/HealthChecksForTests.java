package io.github.camelaliyun.vod.aijob;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;

/**
 * Installs what Camel Main and Spring Boot install when health is enabled: the context, routes, consumers and
 * producers checks (producer checks are off in Camel unless asked for), every detail exposed.
 */
public final class HealthChecksForTests {

    private HealthChecksForTests() {
    }

    public static void install(CamelContext camel) {
        HealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(camel);
        registry.setExposureLevel("full");
        for (String id : new String[] { "context", "routes", "consumers", "producers" }) {
            Object check = registry.resolveById(id);
            if (check instanceof HealthCheckRepository) {
                ((HealthCheckRepository) check).setEnabled(true);
            }
            registry.register(check);
        }
        camel.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, registry);
    }
}
