package io.github.osdatahub.oauth2.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHubExtension;
import io.github.osdatahub.oauth2.testkit.TokenFault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Health from the cache's reported state only, and the meters, against the fake OS. */
class OsDataHubHealthAndMetricsTest {
  @RegisterExtension
  static final FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> {});

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(OsDataHubAutoConfiguration.class))
      .withPropertyValues("os.datahub.key=" + hub.key(), "os.datahub.secret=" + hub.secret(),
          "os.datahub.token-url=" + hub.tokenUri(), "os.datahub.max-wait=5s");

  @Test
  void healthIsUnknownBeforeTheFirstTokenUpAfterItAndMakesNoRequest() {
    runner.run(context -> {
      HealthIndicator health = context.getBean("osDataHubHealthIndicator", HealthIndicator.class);

      assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat(hub.tokenRequestCount()).isZero();

      context.getBean(TokenProvider.class).token();
      awaitEvents(() -> health.health().getStatus().equals(Status.UP));
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat((Long) health.health().getDetails().get("secondsLeft")).isBetween(1L, 299L);
      assertThat(health.health().toString()).doesNotContain(hub.secret());
      assertThat(hub.tokenRequestCount()).isEqualTo(1);
    });
  }

  @Test
  void healthIsDownWithTheFailureTypeWhenNoTokenCanBeHad() {
    hub.get().failNextTokenRequests(100, TokenFault.status(503));
    runner.run(context -> {
      HealthIndicator health = context.getBean("osDataHubHealthIndicator", HealthIndicator.class);
      try {
        context.getBean(TokenProvider.class).token();
      } catch (RuntimeException expected) {
        // the fake answered 503
      }
      awaitEvents(() -> health.health().getStatus().equals(Status.DOWN));

      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.health().getDetails()).containsEntry("lastFailure", "ServerErrorException")
          .containsEntry("lastFailureStatus", 503);
    });
  }

  @Test
  void theMetersCountFetchesTimeThemAndCountWaitersAndInvalidations() {
    runner.run(context -> {
      MeterRegistry registry = new SimpleMeterRegistry();
      context.getBean(MeterBinder.class).bindTo(registry);
      TokenProvider provider = context.getBean(TokenProvider.class);

      provider.invalidate(provider.token());
      provider.token();
      awaitEvents(() -> registry.find("os.datahub.token.refresh").timer() != null
          && registry.get("os.datahub.token.refresh").timer().count() == 2
          && registry.get("os.datahub.token.invalidations").counter().count() == 1);

      assertThat(registry.get("os.datahub.token.fetches").tag("outcome", "success").counter().count()).isEqualTo(2);
      assertThat(registry.get("os.datahub.token.refresh").tag("outcome", "success").timer().count()).isEqualTo(2);
      assertThat(registry.get("os.datahub.token.waits").counter().count()).isGreaterThanOrEqualTo(1);
      assertThat(registry.get("os.datahub.token.invalidations").counter().count()).isEqualTo(1);
      assertThat(registry.get("os.datahub.token.remaining").gauge().value()).isBetween(1.0, 299.0);
      assertThat(hub.tokenRequestCount()).isEqualTo(2);
    });
  }

  @Test
  void withoutMicrometerOrBootHealthThoseBeansAreAbsent() {
    runner.withClassLoader(new FilteredClassLoader(MeterBinder.class, HealthIndicator.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(OsDataHubMetrics.class)
          .doesNotHaveBean(OsDataHubHealthIndicator.class).hasSingleBean(OsDataHubTokenState.class);
    });
  }

  /** Listener calls run on the provider's executor after the token is handed out: wait for them, bounded. */
  private static void awaitEvents(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 10_000 && !done.getAsBoolean(); i++) {
      Thread.sleep(1);
    }
  }
}
