package io.github.camelaliyun.vod.aijob;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;

import io.github.camelaliyun.vod.emulator.VodEmulator;

/** Points the aivod-aijob component of a Camel context at a VOD emulator, with the emulator's demo credentials. */
public final class EmulatedService {

    private EmulatedService() {
    }

    public static VodAiJobComponent pointAt(CamelContext camel, VodEmulator emulator) {
        VodAiJobComponent component = camel.getComponent("aivod-aijob", VodAiJobComponent.class);
        component.getConfiguration().setEndpoint(emulator.url());
        component.getConfiguration().setAccessKeyId(VodEmulator.DEMO_ACCESS_KEY_ID);
        component.getConfiguration().setSecretKey(VodEmulator.DEMO_ACCESS_KEY_SECRET);
        return component;
    }

    /** The routes of a YAML DSL file on the class path, for a test's {@code createRouteBuilder()}. */
    public static RoutesBuilder yamlRoutes(CamelContext camel, String classpathLocation) throws Exception {
        return PluginHelper.getRoutesLoader(camel)
                .findRoutesBuilders(PluginHelper.getResourceLoader(camel).resolveResource("classpath:" + classpathLocation))
                .iterator().next();
    }
}
