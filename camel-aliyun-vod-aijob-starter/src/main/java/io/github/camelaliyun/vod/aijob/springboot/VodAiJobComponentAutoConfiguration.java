package io.github.camelaliyun.vod.aijob.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.github.camelaliyun.vod.aijob.VodAiJobComponent;

/**
 * Applies {@code camel.component.aivod-aijob.*} from the Spring environment (application.yaml, profiles, environment
 * variables) to the component, as Camel's own starters do for theirs. Keys may be dashed or camel case; the values go
 * through the component's generated configurer, so an unknown option fails the start with its name.
 */
@AutoConfiguration
public class VodAiJobComponentAutoConfiguration {

    static final String PREFIX = "camel.component.aivod-aijob";

    @Bean
    public ComponentCustomizer aivodAiJobComponentCustomizer(Environment environment) {
        Map<String, Object> options = new LinkedHashMap<>();
        Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, Object.class))
                .ifBound(bound -> bound.forEach((key, value) -> options.put(StringHelper.dashToCamelCase(key), value)));
        return ComponentCustomizer.forType(VodAiJobComponent.class, component -> {
            if (!options.isEmpty()) {
                PropertyBindingSupport.build().withCamelContext(component.getCamelContext()).withTarget(component)
                        .withConfigurer(component.getComponentPropertyConfigurer())
                        .withProperties(new LinkedHashMap<>(options)).withMandatory(true).withIgnoreCase(true)
                        .withReference(true).withRemoveParameters(false).bind();
            }
        });
    }
}
