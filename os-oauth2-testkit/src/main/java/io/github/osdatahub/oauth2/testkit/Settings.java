package io.github.osdatahub.oauth2.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The knobs of a running hub that tests may turn, as one immutable value swapped atomically, so a
 * request sees one consistent configuration and {@link FakeOsDataHub#reset()} can restore the built one.
 */
record Settings(
    Duration tokenLifetime,
    boolean legacyResponses,
    int rateLimitPerMinute, // 0: no limit
    boolean retryAfterOnRateLimit,
    List<String> deniedApis,
    boolean wwwAuthenticate,
    Map<String, URI> redirects) {

  static final int LIVE_MODE_LIMIT = 600;
  static final int DEVELOPMENT_MODE_LIMIT = 50;

  static Settings defaults() {
    return new Settings(Duration.ofSeconds(299), false, LIVE_MODE_LIMIT, true, List.of(), true, Map.of());
  }

  Settings withTokenLifetime(Duration lifetime) {
    if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("tokenLifetime must be at least 1 second: " + lifetime);
    }
    return new Settings(lifetime, legacyResponses, rateLimitPerMinute, retryAfterOnRateLimit, deniedApis,
        wwwAuthenticate, redirects);
  }

  Settings withLegacyResponses(boolean legacy) {
    return new Settings(tokenLifetime, legacy, rateLimitPerMinute, retryAfterOnRateLimit, deniedApis,
        wwwAuthenticate, redirects);
  }

  Settings withRateLimitPerMinute(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("rateLimitPerMinute must be positive (or use noRateLimit()): " + limit);
    }
    return new Settings(tokenLifetime, legacyResponses, limit, retryAfterOnRateLimit, deniedApis,
        wwwAuthenticate, redirects);
  }

  Settings withRetryAfterOnRateLimit(boolean send) {
    return new Settings(tokenLifetime, legacyResponses, rateLimitPerMinute, send, deniedApis,
        wwwAuthenticate, redirects);
  }

  Settings withDeniedApis(String... prefixes) {
    for (String prefix : prefixes) {
      if (prefix == null || !prefix.startsWith("/")) {
        throw new IllegalArgumentException("deniedApis are path prefixes starting with '/': " + prefix);
      }
    }
    return new Settings(tokenLifetime, legacyResponses, rateLimitPerMinute, retryAfterOnRateLimit,
        List.of(prefixes), wwwAuthenticate, redirects);
  }

  Settings withWwwAuthenticate(boolean send) {
    return new Settings(tokenLifetime, legacyResponses, rateLimitPerMinute, retryAfterOnRateLimit, deniedApis,
        send, redirects);
  }

  Settings withRedirect(String path, URI target) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("redirect path must start with '/': " + path);
    }
    if (target == null) {
      throw new IllegalArgumentException("redirect target must not be null");
    }
    Map<String, URI> more = new HashMap<>(redirects);
    more.put(path, target);
    return new Settings(tokenLifetime, legacyResponses, rateLimitPerMinute, retryAfterOnRateLimit, deniedApis,
        wwwAuthenticate, Map.copyOf(more));
  }

  boolean denies(String path) {
    return deniedApis.stream().anyMatch(path::startsWith);
  }
}
