package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.testkit.FakeOsDataHub;
import java.time.Duration;
import java.time.Instant;

/**
 * Core alone, with the transport and JSON codec found on the class path: fetches a token and
 * prints its fingerprint and expiry (never the token itself).
 *
 * <p>Uses {@code https://api.os.uk} when {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET}
 * are set, and an embedded {@link FakeOsDataHub} otherwise.
 */
public final class TokenExample {
  private TokenExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    if (System.getenv(ProjectCredentials.KEY_VARIABLE) != null
        && System.getenv(ProjectCredentials.SECRET_VARIABLE) != null) {
      try (CachingTokenProvider provider = OsOAuth2.tokenProvider(ProjectCredentials.fromEnvironment())) {
        print("api.os.uk", provider.token());
      }
      return;
    }
    try (FakeOsDataHub hub = FakeOsDataHub.start();
        CachingTokenProvider provider = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build()) {
      print("FakeOsDataHub at " + hub.baseUri() + " (set OS_PROJECT_API_KEY and OS_PROJECT_API_SECRET for api.os.uk)",
          provider.token());
    }
  }

  private static void print(String from, AccessToken token) {
    System.out.println("Token from " + from);
    System.out.println("  fingerprint " + token.fingerprint() + " (the token itself is a secret)");
    System.out.println("  expires at  " + token.expiresAt() + ", in "
        + Duration.between(Instant.now(), token.expiresAt()).toSeconds() + " s");
  }
}
