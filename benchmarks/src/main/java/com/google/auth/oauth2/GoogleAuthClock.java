package com.google.auth.oauth2;

/**
 * Sets google-auth-library's package-private clock, so that {@code TokenRequestsPerHour} can drive
 * its credentials on simulated time as it drives ours. Benchmark code only; it lives in google-auth's
 * package because that field has no public setter.
 */
public final class GoogleAuthClock {
  private GoogleAuthClock() {}

  /**
   * Replaces the credentials' clock.
   *
   * @param credentials the credentials
   * @param clock the clock to use
   */
  public static void set(OAuth2Credentials credentials, com.google.api.client.util.Clock clock) {
    credentials.clock = clock;
  }
}
