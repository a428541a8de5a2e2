package io.github.camelaliyun.vod.examples.quarkus;

import org.apache.camel.builder.RouteBuilder;

/**
 * One route submits jobs for the video it is given (from {@link VideoResource}) and hands them to the job store of
 * the label {@code vod-jobs}; the other receives each job of that label when it finishes. Camel Quarkus finds this
 * class by itself (a {@code RouteBuilder} in the application).
 */
public class VodAiJobRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:submit-video").routeId("submit-video")
                .to("aivod-aijob:vod-jobs?operation=submitAiJob&jobTypes={{example.job-types}}&track=true")
                .log("Submitted ${header.CamelAliyunVodAiJobSubmittedIds} for video ${header.CamelAliyunVodAiJobMediaId}");

        from("aivod-aijob:vod-jobs?delay={{example.poll-delay}}").routeId("finished-jobs")
                .log("Job ${header.CamelAliyunVodAiJobId} (${header.CamelAliyunVodAiJobType}) on video"
                     + " ${header.CamelAliyunVodAiJobMediaId} finished: ${header.CamelAliyunVodAiJobStatus}")
                .bean("finishedJobs", "add");
    }
}
