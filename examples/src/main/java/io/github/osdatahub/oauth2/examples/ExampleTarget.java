package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an example sends its requests: the real {@code api.os.uk} when {@code OS_PROJECT_API_KEY}
 * and {@code OS_PROJECT_API_SECRET} are set, otherwise an embedded {@link FakeOsDataHub}, so that
 * every example runs without an account or a network. The one place the examples choose; each
 * example shows only its integration.
 */
final class ExampleTarget implements AutoCloseable {
  private final FakeOsDataHub fake; // null when calling api.os.uk

  private ExampleTarget(FakeOsDataHub fake) {
    this.fake = fake;
  }

  /** Picks the target from the environment and says which it is. */
  static ExampleTarget fromEnvironment() {
    boolean live = System.getenv(ProjectCredentials.KEY_VARIABLE) != null
        && System.getenv(ProjectCredentials.SECRET_VARIABLE) != null;
    ExampleTarget target = new ExampleTarget(live ? null : FakeOsDataHub.start());
    System.out.println(live ? "Calling api.os.uk"
        : "Calling an embedded FakeOsDataHub at " + target.fake.baseUri() + " (set "
            + ProjectCredentials.KEY_VARIABLE + " and " + ProjectCredentials.SECRET_VARIABLE + " for api.os.uk)");
    return target;
  }

  ProjectCredentials credentials() {
    return fake == null ? ProjectCredentials.fromEnvironment() : fake.credentials();
  }

  URI tokenEndpoint() {
    return fake == null ? TokenRequest.DEFAULT_ENDPOINT : fake.tokenUri();
  }

  /** Where the token may go: api.os.uk, or the fake's loopback host. */
  TokenScope scope() {
    return fake == null ? TokenScope.defaults() : fake.tokenScope();
  }

  /** An OS Names search. */
  URI namesUri(String query) {
    return fake == null
        ? URI.create("https://api.os.uk/search/names/v1/find?maxresults=1&query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8))
        : fake.namesUri(query);
  }

  @Override
  public void close() {
    if (fake != null) {
      fake.close();
    }
  }
}
