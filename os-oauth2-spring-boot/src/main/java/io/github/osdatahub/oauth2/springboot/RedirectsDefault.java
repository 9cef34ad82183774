package io.github.osdatahub.oauth2.springboot;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code spring.http.clients.redirects=dont-follow} the default when the application sets it nowhere. Boot's HTTP clients follow redirects themselves by default, out of
 * sight of the interceptor and the filter, which follow them hop by hop and put a token only on hops
 * the scope permits; the JDK 17 {@code HttpClient} even carries the {@code Authorization} header on to
 * another host. With this default a redirect reaches the interceptor or filter, so it is still followed
 * for the requests they see, and the token stays on OS's hosts.
 */
final class RedirectsDefault implements EnvironmentPostProcessor {
  static final String PROPERTY = "spring.http.clients.redirects";
  static final String SOURCE = "os-oauth2 defaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    // Runs after the application's configuration is loaded (default order): any setting of its own, even among
    // SpringApplication's default properties (which Boot moves below every other source), is left alone.
    if (!environment.containsProperty(PROPERTY) && !environment.getPropertySources().contains(SOURCE)) {
      environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPERTY, "dont-follow")));
    }
  }
}
