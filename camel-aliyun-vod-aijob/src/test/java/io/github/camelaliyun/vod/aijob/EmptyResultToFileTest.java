package io.github.camelaliyun.vod.aijob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The component's list bodies go to a file as JSON even when empty (a lookup of ids the service does not know). */
class EmptyResultToFileTest extends EmulatedCamelTestSupport {

    @TempDir
    static Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookup").to("aivod-aijob:lookup").to("file:" + dir + "?fileName=empty.json");
            }
        };
    }

    @Test
    void anEmptyLookupResultIsWrittenAsAnEmptyJsonArray() throws Exception {
        Exchange out = template.request("direct:lookup", e -> e.getMessage().setBody("unknown-1,unknown-2"));

        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(VodAiJobConstants.NON_EXISTENT_IDS, List.class)).hasSize(2);
        assertThat(Files.readString(dir.resolve("empty.json"))).isEqualTo("[]");
    }
}
