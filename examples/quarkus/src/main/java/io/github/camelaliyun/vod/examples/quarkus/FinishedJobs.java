package io.github.camelaliyun.vod.examples.quarkus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelaliyun.vod.aijob.model.AiJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Where the example keeps the jobs that finished; a real application would store or forward them instead. */
@ApplicationScoped
@Named("finishedJobs")
public class FinishedJobs {

    private final List<AiJob> jobs = new CopyOnWriteArrayList<>();

    public void add(AiJob job) {
        jobs.add(job);
    }

    public List<AiJob> all() {
        return List.copyOf(jobs);
    }
}
