package io.github.osdatahub.oauth2.relay;

import io.github.osdatahub.oauth2.AccessToken;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.TokenProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Hands a browser page short-lived OS Data Hub tokens, so that the page can put
 * {@code Authorization: Bearer} on its map and feature requests without ever holding the project
 * secret. Framework-neutral: the adapters ({@link RelayHttpHandler} for the JDK's HttpServer,
 * {@link TokenRelayServlet} for Servlet containers) only carry requests in and answers out; every rule
 * is here.
 *
 * <p>The answer is OS's own token JSON, so that OS's sample page code works unchanged, with
 * {@code expires_in} the token's <em>remaining</em> whole seconds (rounded down) and {@code issued_at}
 * the time of this answer (epoch milliseconds), both strings as OS sends them. A token with less than
 * the minimum left (default 60 s, or a quarter of the token's lifetime if that is less) is never handed
 * out: the relay asks the provider to renew first, and answers 503 if it cannot. Same-origin requests
 * only, unless origins are allow-listed; {@code GET} and {@code HEAD} only. Failures are OAuth-style JSON,
 * {@code {"error":..,"error_description":..}}, that never quote the token endpoint's answer. Every answer
 * carries {@code Cache-Control: no-store}.
 *
 * <pre>{@code
 * TokenRelay relay = TokenRelay.builder(provider)
 *     .allowedOrigins("https://maps.example.com")
 *     .sessionCheck(request -> request.header("Cookie").map(sessions::isSignedIn).orElse(false))
 *     .build();
 * relay.answer(request).thenAccept(response -> write(response));
 * }</pre>
 */
public final class TokenRelay {
  /** Where the adapters serve the relay unless told otherwise. */
  public static final String DEFAULT_PATH = "/os-token";
  /** The least time a handed-out token has left, unless a quarter of its lifetime is less. */
  public static final Duration DEFAULT_MIN_REMAINING = Duration.ofSeconds(60);
  /** The {@code Retry-After} of a 503 when the failure itself asked for no particular wait. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private static final String ALLOWED_METHODS = "GET, HEAD";

  private final TokenProvider provider;
  private final OriginPolicy origins;
  private final Predicate<RelayRequest> sessionCheck;
  private final long minRemainingMillis;
  private final ClientRateLimit rateLimit;
  private final Function<RelayRequest, String> rateLimitKey;
  private final TimeSource time;
  private final String path;

  private TokenRelay(Builder b) {
    this.provider = b.provider;
    this.origins = new OriginPolicy(b.allowedOrigins);
    this.sessionCheck = b.sessionCheck;
    this.minRemainingMillis = b.minRemaining.toMillis();
    this.time = b.time;
    this.rateLimit = b.rateLimitCount > 0 ? new ClientRateLimit(b.rateLimitCount, b.rateLimitWindow, b.time) : null;
    this.rateLimitKey = b.rateLimitKey;
    this.path = b.path;
  }

  /**
   * @param provider where tokens come from: normally the application's one {@code CachingTokenProvider}
   * @return a relay with every default: same-origin only, no session check, no rate limit,
   *     {@value #DEFAULT_PATH}
   */
  public static TokenRelay create(TokenProvider provider) {
    return builder(provider).build();
  }

  /**
   * @param provider where tokens come from: normally the application's one {@code CachingTokenProvider}
   * @return a builder with every default
   */
  public static Builder builder(TokenProvider provider) {
    return new Builder(provider);
  }

  /** {@return the path the adapters serve this relay at, such as {@value #DEFAULT_PATH}} */
  public String path() {
    return path;
  }

  /**
   * Answers one request without blocking the calling thread: the future is complete at once when the
   * provider has a token cached, and otherwise completes when the provider's does (for a
   * {@code CachingTokenProvider}, on its executor). It never completes exceptionally: every failure is
   * an answer (403, 405, 429, 500 or 503).
   *
   * @param request the request
   * @return the answer
   */
  public CompletableFuture<RelayResponse> answer(RelayRequest request) {
    String method = request.method();
    boolean head = "HEAD".equals(method);
    OriginPolicy.Access access = access(request);
    String cors = access == OriginPolicy.Access.ALLOWED_ORIGIN ? request.headerOrNull("Origin") : null;
    if (!head && !"GET".equals(method)) {
      Map<String, String> headers = RelayAnswers.headers(cors);
      headers.put("Allow", ALLOWED_METHODS);
      return CompletableFuture.completedFuture(RelayAnswers.error(405, "invalid_request",
          "only GET and HEAD are answered here", headers, head));
    }
    if (access == OriginPolicy.Access.FORBIDDEN) {
      return CompletableFuture.completedFuture(RelayAnswers.error(403, "access_denied",
          "pages from this origin may not have a token", RelayAnswers.headers(null), head));
    }
    if (sessionCheck != null) {
      boolean allowed;
      try {
        allowed = sessionCheck.test(request);
      } catch (RuntimeException e) { // the application's bug: fail closed, and say nothing of it
        return CompletableFuture.completedFuture(RelayAnswers.error(500, "server_error",
            "the request could not be checked", RelayAnswers.headers(cors), head));
      }
      if (!allowed) {
        return CompletableFuture.completedFuture(RelayAnswers.error(403, "access_denied",
            "this request may not have a token", RelayAnswers.headers(cors), head));
      }
    }
    if (rateLimit != null) {
      long waitNanos = rateLimit.admit(Objects.requireNonNullElse(rateLimitKey.apply(request), ""));
      if (waitNanos > 0) {
        Map<String, String> headers = RelayAnswers.headers(cors);
        headers.put("Retry-After", Long.toString(RelayAnswers.ceilSeconds(waitNanos)));
        return CompletableFuture.completedFuture(RelayAnswers.error(429, "slow_down",
            "too many token requests from this client", headers, head));
      }
    }
    return tokenWithEnoughLeft().handle((token, failure) -> {
      try {
        return token != null ? tokenAnswer(token, cors, head) : RelayAnswers.unavailable(failure, cors, head);
      } catch (RuntimeException e) {
        return RelayAnswers.error(500, "server_error", "the token could not be relayed", RelayAnswers.headers(cors),
            head);
      }
    });
  }

  /**
   * A 503 for an adapter whose server gave up waiting for {@link #answer} (a Servlet container's async
   * timeout): same headers as the answer would have had.
   */
  RelayResponse timedOut(RelayRequest request) {
    return RelayAnswers.unavailable(null, corsOrigin(request), "HEAD".equals(request.method()));
  }

  private OriginPolicy.Access access(RelayRequest request) {
    return origins.decide(request.headerOrNull("Origin"), request.headerOrNull("Sec-Fetch-Site"),
        request.headerOrNull("Host"));
  }

  /** The Origin to name in CORS headers: the request's, when it is allow-listed; else null. */
  private String corsOrigin(RelayRequest request) {
    return access(request) == OriginPolicy.Access.ALLOWED_ORIGIN ? request.headerOrNull("Origin") : null;
  }

  // First the provider's current token; only when it has too little left, one with enough (the provider
  // renews first). The caller checks the result again: a provider may still hand back a short one.
  private CompletableFuture<AccessToken> tokenWithEnoughLeft() {
    CompletableFuture<AccessToken> current;
    try {
      current = provider.tokenAsync();
    } catch (RuntimeException e) { // a provider that throws instead of failing its future
      return CompletableFuture.failedFuture(e);
    }
    return current.thenCompose(token -> {
      long min = minimumMillis(token);
      if (remainingMillis(token, time.currentTimeMillis()) >= min) {
        return CompletableFuture.completedFuture(token);
      }
      try {
        return provider.tokenAsync(Duration.ofMillis(min));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }

  // min(configured, lifetime / 4), so that 6-second demo tokens are handed out too; never under a second,
  // so that expires_in, rounded down, is never "0".
  private long minimumMillis(AccessToken token) {
    return Math.max(1000, Math.min(minRemainingMillis, token.lifetime().toMillis() / 4));
  }

  private static long remainingMillis(AccessToken token, long nowMillis) {
    return token.expiresAt().toEpochMilli() - nowMillis;
  }

  private RelayResponse tokenAnswer(AccessToken token, String cors, boolean head) {
    long now = time.currentTimeMillis();
    long remaining = remainingMillis(token, now);
    return remaining < minimumMillis(token) ? RelayAnswers.unavailable(null, cors, head)
        : RelayAnswers.token(token, remaining / 1000, now, cors, head);
  }

  @Override
  public String toString() {
    return "TokenRelay[path=" + path + ", allowedOrigins=" + origins.allowed() + ", minRemaining="
        + Duration.ofMillis(minRemainingMillis) + ", sessionCheck=" + (sessionCheck != null)
        + ", rateLimit=" + (rateLimit == null ? "none" : rateLimit) + "]";
  }

  /** Settings of a {@link TokenRelay}; each is checked when set. */
  public static final class Builder {
    private final TokenProvider provider;
    private Set<String> allowedOrigins = Set.of();
    private Predicate<RelayRequest> sessionCheck;
    private Duration minRemaining = DEFAULT_MIN_REMAINING;
    private int rateLimitCount;
    private Duration rateLimitWindow;
    private Function<RelayRequest, String> rateLimitKey = r -> r.clientAddress().orElse("");
    private TimeSource time = TimeSource.system();
    private String path = DEFAULT_PATH;

    private Builder(TokenProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider");
    }

    /**
     * Origins besides the relay's own whose pages may ask for tokens; their answers carry
     * {@code Access-Control-Allow-Origin}. Replaces any set before.
     *
     * @param origins each as a browser sends it, {@code scheme://host[:port]}, such as
     *     {@code https://maps.example.com}
     * @return this builder
     * @throws IllegalArgumentException when one is not an http(s) origin (a path, {@code *} and
     *     {@code null} are refused)
     */
    public Builder allowedOrigins(String... origins) {
      return allowedOrigins(Arrays.asList(origins));
    }

    /**
     * @param origins as in {@link #allowedOrigins(String...)}
     * @return this builder
     */
    public Builder allowedOrigins(Collection<String> origins) {
      this.allowedOrigins = OriginPolicy.normalizeAll(List.copyOf(Objects.requireNonNull(origins, "origins")));
      return this;
    }

    /**
     * The application's own check that the request may have a token, such as a signed-in session;
     * {@code false} (or an exception) answers 403 (500) without a token. The origin rules are what a
     * browser proves, not authentication: any non-browser client can ask without this check. It runs on
     * the server's request thread, so it should not block for long.
     *
     * @param check the check
     * @return this builder
     */
    public Builder sessionCheck(Predicate<RelayRequest> check) {
      this.sessionCheck = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * @param minRemaining the least time a handed-out token has left (default 60 s); for a token whose
     *     lifetime is under four times this, a quarter of its lifetime instead; never under one second
     * @return this builder
     */
    public Builder minRemaining(Duration minRemaining) {
      if (minRemaining == null || minRemaining.isNegative() || minRemaining.isZero()) {
        throw new IllegalArgumentException("minRemaining must be positive: " + minRemaining);
      }
      this.minRemaining = minRemaining;
      return this;
    }

    /**
     * At most {@code maxRequests} token requests per client address in each {@code window}; more get
     * 429 with {@code Retry-After}. Off by default. Behind a proxy every client has the proxy's address:
     * use {@link #rateLimit(int, Duration, Function)} with a key from a forwarded header you trust.
     *
     * @param maxRequests how many, at least 1
     * @param window per how long, positive
     * @return this builder
     */
    public Builder rateLimit(int maxRequests, Duration window) {
      return rateLimit(maxRequests, window, r -> r.clientAddress().orElse(""));
    }

    /**
     * @param maxRequests how many, at least 1
     * @param window per how long, positive
     * @param clientKey which client a request counts against (null counts as one shared key)
     * @return this builder
     */
    public Builder rateLimit(int maxRequests, Duration window, Function<RelayRequest, String> clientKey) {
      if (maxRequests < 1) {
        throw new IllegalArgumentException("rateLimit maxRequests must be at least 1: " + maxRequests);
      }
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("rateLimit window must be positive: " + window);
      }
      this.rateLimitCount = maxRequests;
      this.rateLimitWindow = window;
      this.rateLimitKey = Objects.requireNonNull(clientKey, "clientKey");
      return this;
    }

    /**
     * @param time the clocks for remaining lifetimes and rate windows (default the system's); give the
     *     provider's own, such as the testkit's {@code ManualTimeSource} in tests
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * @param path where the adapters serve the relay (default {@value TokenRelay#DEFAULT_PATH}): an
     *     absolute path without query, fragment or spaces
     * @return this builder
     */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/") || path.length() < 2
          || path.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == '?' || c == '#')) {
        throw new IllegalArgumentException("path must be an absolute path such as /os-token, without query, "
            + "fragment or spaces: " + path);
      }
      this.path = path;
      return this;
    }

    /** {@return the relay} */
    public TokenRelay build() {
      return new TokenRelay(this);
    }
  }
}
