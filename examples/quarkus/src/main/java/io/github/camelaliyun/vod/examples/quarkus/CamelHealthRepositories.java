package io.github.camelaliyun.vod.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.apache.camel.impl.health.ConsumersHealthCheckRepository;
import org.apache.camel.impl.health.ProducersHealthCheckRepository;
import org.apache.camel.impl.health.RoutesHealthCheckRepository;

/**
 * Camel's health check repositories as beans. Camel finds them through services files that Camel Quarkus registers
 * only with its health extension (camel-quarkus-microprofile-health, which the example does not use): without these beans the
 * registry holds the context check alone, and the aivod-aijob producer and consumer checks go nowhere. The bean
 * names are the ids Camel asks its registry for.
 */
@ApplicationScoped
public class CamelHealthRepositories {

    @Produces
    @Singleton
    @Named("routes")
    RoutesHealthCheckRepository routes() {
        return new RoutesHealthCheckRepository();
    }

    @Produces
    @Singleton
    @Named("consumers")
    ConsumersHealthCheckRepository consumers() {
        return new ConsumersHealthCheckRepository();
    }

    @Produces
    @Singleton
    @Named("producers")
    ProducersHealthCheckRepository producers() {
        return new ProducersHealthCheckRepository();
    }
}
