package io.github.camelaliyun.vod.aijob.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import io.github.camelaliyun.vod.aijob.model.AiJobDataException;
import io.github.camelaliyun.vod.aijob.model.AiJobStatus;
import io.github.camelaliyun.vod.aijob.model.ListAiJobsResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VodResponseParserTest {

    private final VodResponseParser parser = new VodResponseParser();

    @Test
    void publishedSampleGivesOneJobAndTwoNonExistentIds() throws IOException {
        ListAiJobsResult result;
        try (InputStream in = getClass().getResourceAsStream("/ListAIJob-sample-response.json")) {
            result = parser.parseListAiJobs(in.readAllBytes());
        }

        assertThat(result.getRequestId()).isEqualTo("8233A0E4-E112-44*****58-2BCED1B88173");
        assertThat(result.getNonExistentJobIds()).containsExactly("aasdcsfg782740asd3****", "k2l3ibaskod98wrns9d****");
        assertThat(result.getJobs()).hasSize(1);
        AiJob job = result.getJobs().get(0);
        assertThat(job.getJobId()).isEqualTo("a718a3a1e8bb42ee3bc88921e94****");
        assertThat(job.getMediaId()).isEqualTo("3D3D12340d9401fab46a0b847****");
        assertThat(job.getType()).isEqualTo(AiJob.TYPE_VIDEO_TAG);
        assertThat(job.getStatus()).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(job.isFinished()).isTrue();
        assertThat(job.getCreationTime()).isEqualTo(Instant.parse("2020-06-28T02:04:32Z"));
        assertThat(job.getCompleteTime()).isEqualTo(Instant.parse("2020-06-28T02:04:47Z"));
        assertThat(job.getCode()).isEqualTo("0");
        assertThat(job.getMessage()).isEqualTo("OK");
        assertThat(job.getData()).startsWith("{\"OrigASRData\":{\"AsrTextList\":\\[");
        // the published Data is not JSON (an escaped "\["): the raw text stays, parsing fails for this job only
        assertThatThrownBy(job::getDataAsJson).isInstanceOf(AiJobDataException.class)
                .hasMessageContaining("a718a3a1e8bb42ee3bc88921e94****").hasMessageContaining("AiJob.getData()");
        assertThatThrownBy(job::getVideoTagResult).isInstanceOf(AiJobDataException.class)
                .hasMessageContaining("a718a3a1e8bb42ee3bc88921e94****").hasMessageContaining("not valid JSON");
        assertThat(job.getDataError()).contains("a718a3a1e8bb42ee3bc88921e94****");
    }

    @Test
    void flatArrays() {
        ListAiJobsResult result = parse("{\"RequestId\":\"r\",\"NonExistAIJobIds\":[\"x\",\"y\"],"
                                        + "\"AIJobList\":[{\"JobId\":\"a\",\"Status\":\"init\"},"
                                        + "{\"JobId\":\"b\",\"Status\":\"Processing\"}]}");

        assertThat(result.getJobs()).extracting(AiJob::getJobId).containsExactly("a", "b");
        assertThat(result.getJobs()).extracting(AiJob::getStatus)
                .containsExactly(AiJobStatus.INIT, AiJobStatus.PROCESSING);
        assertThat(result.getNonExistentJobIds()).containsExactly("x", "y");
    }

    @Test
    void singleItemsWhereListsWereExpected() {
        ListAiJobsResult result = parse("{\"RequestId\":\"r\",\"NonExistAIJobIds\":{\"String\":\"x\"},"
                                        + "\"AIJobList\":{\"AIJob\":{\"JobId\":\"a\",\"Status\":\"fail\","
                                        + "\"Code\":\"E1\",\"Message\":\"bad video\"}}}");

        assertThat(result.getJobs()).singleElement().satisfies(job -> {
            assertThat(job.getStatus()).isEqualTo(AiJobStatus.FAIL);
            assertThat(job.getCode()).isEqualTo("E1");
            assertThat(job.getMessage()).isEqualTo("bad video");
            assertThat(job.toString()).contains("a", "FAIL", "E1", "bad video");
        });
        assertThat(result.getNonExistentJobIds()).containsExactly("x");
    }

    @Test
    void absentAndEmptyLists() {
        assertThat(parse("{\"RequestId\":\"r\"}").getJobs()).isEmpty();
        ListAiJobsResult result = parse("{\"RequestId\":\"r\",\"NonExistAIJobIds\":{\"String\":[]},"
                                        + "\"AIJobList\":{\"AIJob\":[]}}");
        assertThat(result.getJobs()).isEmpty();
        assertThat(result.getNonExistentJobIds()).isEmpty();
        assertThat(parse("{\"RequestId\":\"r\",\"AIJobList\":{},\"NonExistAIJobIds\":null}").getJobs()).isEmpty();
    }

    @Test
    void listSerializedAsAStringAtTopLevel() {
        ListAiJobsResult result = parse("{\"RequestId\":\"r\",\"NonExistAIJobIds\":\"[\\\"x\\\", \\\"y\\\"]\","
                                        + "\"AIJobList\":\"[{\\\"JobId\\\":\\\"a\\\",\\\"Status\\\":\\\"success\\\"}]\"}");

        assertThat(result.getJobs()).extracting(AiJob::getJobId).containsExactly("a");
        assertThat(result.getNonExistentJobIds()).containsExactly("x", "y");
    }

    @Test
    void unknownFieldsIgnoredAndUnknownStatusKept() {
        ListAiJobsResult result = parse("{\"RequestId\":\"r\",\"Brand\":\"new\",\"AIJobList\":{\"AIJob\":[{\"JobId\":\"a\","
                                        + "\"Status\":\"Queued\",\"Priority\":5,\"Data\":{\"k\":1}}]}}");

        AiJob job = result.getJobs().get(0);
        assertThat(job.getStatus()).isEqualTo(AiJobStatus.UNKNOWN);
        assertThat(job.getStatusText()).isEqualTo("Queued");
        assertThat(job.isFinished()).isFalse();
        assertThat(job.getData()).isEqualTo("{\"k\":1}");
        assertThat(job.getDataAsJson().get("k").asInt()).isEqualTo(1);
    }

    @Test
    void statusIgnoresCase() {
        assertThat(AiJobStatus.fromWire("SUCCESS")).isEqualTo(AiJobStatus.SUCCESS);
        assertThat(AiJobStatus.fromWire("processing")).isEqualTo(AiJobStatus.PROCESSING);
        assertThat(AiJobStatus.fromWire(" Fail ")).isEqualTo(AiJobStatus.FAIL);
        assertThat(AiJobStatus.fromWire(null)).isEqualTo(AiJobStatus.UNKNOWN);
    }

    @Test
    void timeInAnotherFormatDoesNotLoseTheJob() {
        AiJob job = parse("{\"AIJobList\":{\"AIJob\":[{\"JobId\":\"a\",\"CreationTime\":\"yesterday\","
                          + "\"CompleteTime\":\"2020-06-28T02:04:47\"}]}}").getJobs().get(0);

        assertThat(job.getCreationTime()).isNull();
        assertThat(job.getCompleteTime()).isEqualTo(Instant.parse("2020-06-28T02:04:47Z"));
    }

    @Test
    void malformedRepliesAreReportedNotGuessed() {
        assertThatThrownBy(() -> parse("{\"RequestId\":\"r\",\"AIJobList\":{\"AIJob\":[{\"JobId\":"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> parse("{\"AIJobList\":{\"AIJob\":[{\"Status\":\"success\"}]}}"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("without JobId");
    }

    @Test
    void errorBodies() {
        ServiceError error = parser.parseError(("{\"RequestId\":\"R1\",\"HostId\":\"h\",\"Code\":\"Throttling.User\","
                                                + "\"Message\":\"slow down\",\"Recommend\":\"https://x\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(error).isEqualTo(new ServiceError("R1", "h", "Throttling.User", "slow down", "https://x"));

        ServiceError html = parser.parseError("<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.code()).isNull();
        assertThat(html.message()).isEqualTo("<html>Bad Gateway</html>");
    }

    private ListAiJobsResult parse(String json) {
        return parser.parseListAiJobs(json.getBytes(StandardCharsets.UTF_8));
    }
}
