package io.github.camelaliyun.vod.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Camel's readiness checks (routes, consumers, and the aivod-aijob producer and consumer checks) at
 * {@code /q/health/ready}, each by its id. camel-quarkus-microprofile-health does this for you; the example does
 * without that extension, so this is the same idea in a few lines.
 */
@Readiness
@ApplicationScoped
public class CamelReadiness implements HealthCheck {

    @Inject
    CamelContext camel;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("camel-readiness-checks");
        boolean up = true;
        for (org.apache.camel.health.HealthCheck.Result result : HealthCheckHelper.invokeReadiness(camel)) {
            response.withData(result.getCheck().getId(), result.getState().name());
            up &= result.getState() == org.apache.camel.health.HealthCheck.State.UP;
        }
        return response.status(up).build();
    }
}
