package io.github.camelaliyun.vod.aijob;

import java.util.List;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.camelaliyun.vod.aijob.client.VodAiJobException;
import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.emulator.EmulatedJob;
import io.github.camelaliyun.vod.emulator.VodEmulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secret typed into a URI is decoded as a URI query: {@code +} becomes a space and {@code %41} an {@code A}. The
 * errors that follow point at {@code RAW()}, without showing the secret; in {@code RAW()} the same secret signs in.
 */
class SecretInUriTest extends CamelTestSupport {

    @RegisterExtension
    static final VodEmulatorExtension VOD = new VodEmulatorExtension();

    private static final String KEY_ID = "uri-key-id";
    private static final String PLUS_SECRET = "plus+secret+42";
    private static final String PERCENT_SECRET = "percent%41secret";

    @Test
    void aPlusReadAsASpaceFailsAtStartPointingAtRaw() {
        assertThatThrownBy(() -> route("direct:plus", "plus", PLUS_SECRET))
                .hasStackTraceContaining("RAW(")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PLUS_SECRET)
                        .doesNotContain(PLUS_SECRET.replace('+', ' ')));
    }

    @Test
    void aSecretChangedByUriDecodingGivesASignatureErrorPointingAtRaw() throws Exception {
        VOD.emulator().addCredentials(KEY_ID, PERCENT_SECRET);
        route("direct:percent", "percent", PERCENT_SECRET);

        assertThatThrownBy(() -> template.requestBody("direct:percent", "job-1"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(VodAiJobException.class)
                .satisfies(e -> {
                    assertThat(((VodAiJobException) e).getErrorCode()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.getMessage()).contains("RAW(").doesNotContain(PERCENT_SECRET)
                            .doesNotContain("percentAsecret");
                });
    }

    @Test
    void theSameSecretsInRawSignIn() throws Exception {
        VOD.emulator().addCredentials(KEY_ID, PLUS_SECRET);
        VOD.emulator().addJob(EmulatedJob.builder("job-1").build());
        route("direct:plus", "plus", "RAW(" + PLUS_SECRET + ")");

        assertThat(template.requestBody("direct:plus", "job-1", List.class)).singleElement().isInstanceOf(AiJob.class);

        VOD.emulator().addCredentials(KEY_ID, PERCENT_SECRET);
        route("direct:percent", "percent", "RAW(" + PERCENT_SECRET + ")");

        assertThat(template.requestBody("direct:percent", "job-1", List.class)).singleElement()
                .isInstanceOf(AiJob.class);
    }

    private void route(String from, String label, String secretInUri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to("aivod-aijob:" + label + "?endpoint=" + VOD.emulator().url() + "&accessKeyId=" + KEY_ID
                              + "&maxRetries=0&secretKey=" + secretInUri);
            }
        });
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
