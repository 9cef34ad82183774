package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer meters of the token provider, fed by its {@link TokenListener} events and bound to every
 * registry Boot has (as any {@link MeterBinder} bean is):
 * <ul>
 *   <li>{@code os.datahub.token.fetches} (counter; {@code outcome} = {@code success} or
 *       {@code failure}, {@code exception} = the SDK exception's simple name or {@code none}): token
 *       fetches by outcome;
 *   <li>{@code os.datahub.token.refresh} (timer; {@code outcome}): how long each fetch took, retries included;
 *   <li>{@code os.datahub.token.waits} (counter): callers that found no usable token and waited;
 *   <li>{@code os.datahub.token.invalidations} (counter): tokens dropped after an API answered 401;
 *   <li>{@code os.datahub.token.remaining} (gauge, seconds): time left on the token held, 0 when none.
 * </ul>
 */
public final class OsDataHubMetrics implements TokenListener, MeterBinder {
  private final OsDataHubTokenState state;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** @param state the cache's last reported state, for the seconds-left gauge */
  public OsDataHubMetrics(OsDataHubTokenState state) {
    this.state = state;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    Gauge.builder("os.datahub.token.remaining", state, s -> s.remaining().map(Duration::toSeconds).orElse(0L))
        .description("Seconds left on the OS Data Hub token held").baseUnit("seconds").register(registry);
    Counter.builder("os.datahub.token.waits").description("Callers that waited for an OS Data Hub token")
        .register(registry);
    Counter.builder("os.datahub.token.invalidations").description("OS Data Hub tokens dropped after a 401")
        .register(registry);
  }

  @Override
  public void onTokenFetched(AccessToken token) {
    registries.forEach(r -> fetches(r, "success", "none").increment());
  }

  @Override
  public void onRefreshFailed(OsOAuth2Exception failure, boolean servingCachedToken) {
    String type = failure.getClass().getSimpleName();
    registries.forEach(r -> fetches(r, "failure", type).increment());
  }

  @Override
  public void onRefreshCompleted(Duration elapsed, boolean succeeded) {
    registries.forEach(r -> Timer.builder("os.datahub.token.refresh")
        .description("Time to fetch an OS Data Hub token, retries included")
        .tag("outcome", succeeded ? "success" : "failure").register(r).record(elapsed));
  }

  @Override
  public void onCallerWaiting() {
    registries.forEach(r -> r.counter("os.datahub.token.waits").increment());
  }

  @Override
  public void onTokenInvalidated(AccessToken token) {
    registries.forEach(r -> r.counter("os.datahub.token.invalidations").increment());
  }

  private static Counter fetches(MeterRegistry registry, String outcome, String exception) {
    return Counter.builder("os.datahub.token.fetches").description("OS Data Hub token fetches by outcome")
        .tag("outcome", outcome).tag("exception", exception).register(registry);
  }
}
