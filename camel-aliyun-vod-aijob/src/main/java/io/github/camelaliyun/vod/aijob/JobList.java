package io.github.camelaliyun.vod.aijob;

import java.util.ArrayList;
import java.util.Collection;

/**
 * The list the producer puts in the body for listAiJobs and submitAiJob: an ordinary {@code ArrayList}, which tells
 * {@link AiJobConverter} that it holds jobs even when it is empty, so that {@code to("file:...")} writes {@code []}
 * (Camel has no conversion of an empty list to bytes).
 */
final class JobList<E> extends ArrayList<E> {

    private static final long serialVersionUID = 1L;

    JobList(Collection<? extends E> jobs) {
        super(jobs);
    }
}
