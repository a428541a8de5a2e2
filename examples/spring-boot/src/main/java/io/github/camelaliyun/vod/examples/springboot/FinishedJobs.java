package io.github.camelaliyun.vod.examples.springboot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

import io.github.camelaliyun.vod.aijob.model.AiJob;

/** Where the example keeps the jobs that finished; a real application would store or forward them instead. */
@Component("finishedJobs")
public class FinishedJobs {

    private final List<AiJob> jobs = new CopyOnWriteArrayList<>();

    public void add(AiJob job) {
        jobs.add(job);
    }

    public List<AiJob> all() {
        return List.copyOf(jobs);
    }
}
