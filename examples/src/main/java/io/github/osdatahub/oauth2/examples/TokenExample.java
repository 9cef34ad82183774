package io.github.osdatahub.oauth2.examples;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.OsOAuth2;
import java.time.Duration;
import java.time.Instant;

/**
 * Core alone, with the transport and JSON codec found on the class path: fetches a token and
 * prints its fingerprint and expiry (never the token itself).
 *
 * <p>Uses {@code https://api.os.uk} when {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET}
 * are set, and an embedded {@code FakeOsDataHub} otherwise (see {@link ExampleTarget}).
 */
public final class TokenExample {
  private TokenExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // With the default endpoint this is OsOAuth2.tokenProvider(credentials): transport and JSON codec
    // found on the class path. The endpoint is explicit only so the example can also run on the fake.
    try (ExampleTarget target = ExampleTarget.fromEnvironment();
         CachingTokenProvider provider = OsOAuth2.builder(target.credentials())
             .endpoint(target.tokenEndpoint())
             .build()) {
      print(provider.token());
    }
  }

  private static void print(AccessToken token) {
    System.out.println("  fingerprint " + token.fingerprint() + " (the token itself is a secret)");
    System.out.println("  expires at  " + token.expiresAt() + ", in "
        + Duration.between(Instant.now(), token.expiresAt()).toSeconds() + " s");
  }
}
