package io.github.camelaliyun.vod.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Submits AI jobs for the configured videos and receives each job when it finishes. */
@SpringBootApplication
public class VodAiJobsApplication {

    public static void main(String[] args) {
        SpringApplication.run(VodAiJobsApplication.class, args);
    }
}
