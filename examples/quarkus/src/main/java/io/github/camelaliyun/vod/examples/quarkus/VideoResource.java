package io.github.camelaliyun.vod.examples.quarkus;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;

import io.github.camelaliyun.vod.aijob.model.SubmittedAiJob;

/**
 * {@code POST /videos/{mediaId}/ai-jobs} starts the AI jobs on a video and answers their ids, one a line. A media id
 * the component refuses before calling the service (blank, a comma inside) answers 400 with the component's reason.
 */
@Path("/videos")
public class VideoResource {

    @Inject
    ProducerTemplate camel;

    @POST
    @Path("/{mediaId}/ai-jobs")
    @Produces(MediaType.TEXT_PLAIN)
    public String submit(@PathParam("mediaId") String mediaId) {
        List<SubmittedAiJob> submitted;
        try {
            submitted = submittedJobs(camel.requestBody("direct:submit-video", mediaId, List.class));
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                        .type(MediaType.TEXT_PLAIN).entity(refused.getMessage()).build());
            }
            throw e;
        }
        return submitted.stream().map(SubmittedAiJob::jobId).collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked") // submitAiJob's body is the list of the jobs it started
    private static List<SubmittedAiJob> submittedJobs(List<?> body) {
        return (List<SubmittedAiJob>) body;
    }
}
