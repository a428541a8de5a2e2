package io.github.camelaliyun.vod.aijob;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Config and UserData JSON written in an endpoint URI: Camel decodes {@code +} and {@code %xx} and splits at
 * {@code &}, so the JSON must be given as RAW(...); an error names the option and says so.
 */
class JsonOptionsInUriTest extends CamelTestSupport {

    @Test
    void rawJsonReachesTheOptionUnchanged() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:j?operation=submitAiJob&jobTypes=AIMediaDNA"
                                                        + "&userData=RAW({\"note\":\"a+b c%41&d=1\"})"
                                                        + "&config=RAW({\"AIVideoTag\":{\"AnalyseTypes\":\"ASR+OCR\"}})",
                VodAiJobEndpoint.class);

        assertThat(endpoint.getConfiguration().getUserData()).isEqualTo("{\"note\":\"a+b c%41&d=1\"}");
        assertThat(endpoint.getConfiguration().getConfig()).isEqualTo("{\"AIVideoTag\":{\"AnalyseTypes\":\"ASR+OCR\"}}");
    }

    @Test
    void yamlParametersAreAppendedToTheUriSoTheyNeedRawToo() throws Exception {
        String yaml = """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: aivod-aijob:y
                            parameters:
                              operation: submitAiJob
                              jobTypes: AIMediaDNA
                              accessKeyId: test-key
                              secretKey: test-secret
                              userData: 'RAW({"note":"a+b c%41&d=1"})'
                """;
        org.apache.camel.support.PluginHelper.getRoutesLoader(context)
                .loadRoutes(org.apache.camel.support.ResourceHelper.fromString("json-options.yaml", yaml));

        VodAiJobEndpoint endpoint = context.getEndpoints().stream().filter(VodAiJobEndpoint.class::isInstance)
                .map(VodAiJobEndpoint.class::cast).filter(e -> "y".equals(e.getLabel())).findFirst().orElseThrow();
        assertThat(endpoint.getConfiguration().getUserData()).isEqualTo("{\"note\":\"a+b c%41&d=1\"}");
    }

    @Test
    void jsonCutAtAnAmpersandNamesTheOptionAndRaw() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:j?userData={\"q\":\"x&y=1\"}"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageStartingWith("The userData option is not valid JSON")
                .hasMessageContaining("write it as RAW(...)");
    }

    @Test
    void brokenConfigNamesTheOptionAndWhere() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:j?config=RAW({\"a\":1}})"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageStartingWith("The config option is not valid JSON at character 8 (Unexpected close"
                                        + " marker '}'");
    }
}
