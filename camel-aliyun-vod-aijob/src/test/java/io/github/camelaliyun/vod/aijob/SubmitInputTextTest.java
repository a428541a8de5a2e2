package io.github.camelaliyun.vod.aijob;

import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.camelaliyun.vod.emulator.VodEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The text of a submit: a media id loses whitespace at its ends the same way whatever the kind (ASCII, no-break,
 * zero-width), while whitespace inside stays refused; JSON with a key twice is refused rather than sent.
 */
class SubmitInputTextTest extends EmulatedCamelTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").to("aivod-aijob:s?operation=submitAiJob&jobTypes=AIMediaDNA");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = { "  v1 \n", "\u00a0v1\u200b", "\ufeffv1\u2007" })
    void spacesAtTheEndsOfAMediaIdAreDroppedWhateverTheirKind(String body) {
        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody(body));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(VodAiJobConstants.MEDIA_ID)).isEqualTo("v1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "v\u00a01", "\u200b" })
    void aMediaIdWithSpaceInsideOrOnlySpaceIsRefusedBeforeAnyCall(String body) {
        Exchange out = template.request("direct:submit", e -> e.getMessage().setBody(body));

        assertThat(out.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(VOD.emulator().stats().calls(VodEmulator.ACTION_SUBMIT_AI_JOB)).isZero();
    }

    @Test
    void jsonWithADuplicateKeyIsRefused() {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:d?userData=RAW({\"a\":1,\"a\":2})"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageStartingWith("The userData option is not valid JSON at character")
                .hasMessageContaining("Duplicate field 'a'");
    }
}
