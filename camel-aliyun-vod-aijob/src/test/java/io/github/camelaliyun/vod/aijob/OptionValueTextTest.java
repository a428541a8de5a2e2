package io.github.camelaliyun.vod.aijob;

import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Wrong option text fails when the endpoint is created, naming the option, the text and what is allowed: unknown enum
 * constants, numbers too large for their option (which Camel would report as "For input string" or wrap around), and
 * numbers with spaces around them, which are read as the number rather than as 0.
 */
class OptionValueTextTest extends CamelTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "operation=list | Invalid operation 'list': use one of listAiJobs, track, untrack, submitAiJob, vodEvent, setMessageCallback",
            "nonExistentJobs=ignore | Invalid nonExistentJobs 'ignore': use one of emit, drop, keep",
            "jobTimeout=99999999999999999999 | Invalid jobTimeout '99999999999999999999': too large (at most 9223372036854775807)",
            "maxConcurrentRequests=99999999999 | Invalid maxConcurrentRequests '99999999999': too large (at most 2147483647)",
            "maxRetries=-99999999999 | Invalid maxRetries '-99999999999': too small (at least -2147483648)",
            "delay=0 | Invalid delay 0: the time between two polls of the consumer must be more than 0 milliseconds (AI jobs take seconds: 1s or more is usual)",
            "delay=-5 | Invalid delay -5: the time between two polls of the consumer must be more than 0 milliseconds (AI jobs take seconds: 1s or more is usual)" })
    void wrongTextFailsNamingTheOptionAndWhatIsAllowed(String query, String expected) {
        assertThatThrownBy(() -> context.getEndpoint("aivod-aijob:bad?" + query))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessage(expected);
    }

    @Test
    void numbersWithSpacesAroundThemAreReadAsTheNumber() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:spaces?maxRetries= 5&jobTimeout=10s ",
                VodAiJobEndpoint.class);

        assertThat(endpoint.getConfiguration().getMaxRetries()).isEqualTo(5);
        assertThat(endpoint.getConfiguration().getJobTimeout()).isEqualTo(10_000);
    }

    @Test
    void aConsumerDelayUnder100MillisecondsIsWarnedAbout() throws Exception {
        String log;
        try (io.github.camelaliyun.vod.aijob.reliability.LogCapture capture =
                     io.github.camelaliyun.vod.aijob.reliability.LogCapture.atConfiguredLevels()) {
            context.getEndpoint("aivod-aijob:fast?delay=1ms").createConsumer(e -> {
            });
            context.getEndpoint("aivod-aijob:usual?delay=100").createConsumer(e -> {
            });
            log = capture.text();
        }

        assertThat(log).contains("WARN ").contains("aivod-aijob:fast polls every 1 ms")
                .doesNotContain("aivod-aijob:usual");
    }

    @Test
    void enumConstantsInAnyCaseStayAccepted() {
        VodAiJobEndpoint endpoint = context.getEndpoint("aivod-aijob:cases?operation=SUBMITAIJOB&nonExistentJobs=Drop",
                VodAiJobEndpoint.class);

        assertThat(endpoint.getConfiguration().getOperation()).isEqualTo(VodAiJobOperations.submitAiJob);
    }
}
