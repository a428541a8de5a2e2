package io.github.camelaliyun.vod.aijob;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event queue's options are checked when the endpoint is created, each error naming the option and the fix. */
class EventQueueOptionsTest {

    private CamelContext camel;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eventQueue=vod-events|eventQueue needs eventQueueEndpoint",
        "eventQueue=vod_events&eventQueueEndpoint=https://1.mns.cn-shanghai.aliyuncs.com|Invalid eventQueue 'vod_events'",
        "eventQueue=q&eventQueueEndpoint=not a url|Invalid eventQueueEndpoint",
        "eventQueue=q&eventQueueEndpoint=http://1.mns.cn-shanghai.aliyuncs.com|plain http://",
        "eventQueueWaitSeconds=31|Invalid eventQueueWaitSeconds 31: allowed 0 to 30",
        "eventQueueBatchSize=17|Invalid eventQueueBatchSize 17: allowed 1 to 16",
        "eventQueueBatchSize=0|Invalid eventQueueBatchSize 0",
        "callbackType=SQS|Invalid callbackType 'SQS'",
        "operation=setMessageCallback&callbackType=MNS|needs the eventQueue option",
        "operation=setMessageCallback&callbackType=MNS&eventQueue=q|eventQueue needs eventQueueEndpoint" })
    void aWrongValueFailsWhenTheEndpointIsCreated(String options, String message) {
        assertThatThrownBy(() -> camel.getEndpoint("aivod-aijob:opts?" + options))
                .satisfies(e -> assertThat(messages(e)).contains(message));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eventQueue=vod-events&eventQueueEndpoint=https://1234567890.mns.cn-shanghai.aliyuncs.com/",
        "eventQueue=q&eventQueueEndpoint=http://127.0.0.1:9&eventQueueWaitSeconds=0&eventQueueBatchSize=1",
        "eventQueue=q&eventQueueEndpoint=http://10.0.0.1:80&allowInsecureHttp=true",
        "operation=setMessageCallback&callbackType=MNS&eventQueue=q&eventQueueEndpoint=https://1.mns.cn-beijing.aliyuncs.com" })
    void goodValuesAreTaken(String options) {
        assertThat(camel.getEndpoint("aivod-aijob:ok?" + options)).isNotNull();
    }

    private static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
