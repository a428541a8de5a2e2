package io.github.camelaliyun.vod.aijob;

import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

/**
 * A {@link CamelTestSupport} whose context has the component pointed at a VOD emulator, started for each test class
 * (the extension is one object, but it starts an emulator before a class's tests and closes it after, and surefire
 * runs the classes one after the other) and reset before each test.
 */
public abstract class EmulatedCamelTestSupport extends CamelTestSupport {

    @RegisterExtension
    protected static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        EmulatedService.pointAt(camel, VOD.emulator());
        return camel;
    }
}
