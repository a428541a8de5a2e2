package io.github.camelaliyun.vod.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One route submits jobs for the videos in {@code example.media-ids} and hands them to the job store of the label
 * {@code vod-jobs}; the other receives each job of that label when it finishes.
 */
@Component
public class VodAiJobRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:submit-videos?repeatCount=1&delay=500").routeId("submit-videos")
                .setBody(simple("{{example.media-ids}}"))
                .split(body().tokenize(","))
                    .to("aivod-aijob:vod-jobs?operation=submitAiJob&jobTypes={{example.job-types}}&track=true")
                    .log("Submitted ${header.CamelAliyunVodAiJobSubmittedIds} for video ${header.CamelAliyunVodAiJobMediaId}");

        from("aivod-aijob:vod-jobs?delay=1000&initialDelay=1000").routeId("finished-jobs")
                .log("Job ${header.CamelAliyunVodAiJobId} (${header.CamelAliyunVodAiJobType}) on video"
                     + " ${header.CamelAliyunVodAiJobMediaId} finished: ${header.CamelAliyunVodAiJobStatus}")
                .bean("finishedJobs", "add");
    }
}
