package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The entry point: a cached, self-renewing token provider in one line.
 *
 * <pre>{@code
 * CachingTokenProvider provider = OsOAuth2.tokenProvider(credentials);   // transport and JSON discovered
 * CachingTokenProvider explicit = OsOAuth2.builder(credentials).transport(OkHttpTransport.create(okHttp)).build();
 * }</pre>
 */
public final class OsOAuth2 {
  private OsOAuth2() {}

  /** {@return the SDK's version, as sent in its {@code User-Agent}; {@code unknown} from unpackaged classes} */
  public static String version() {
    return SdkVersion.version();
  }

  /**
   * @param credentials the project's key and secret
   * @return a provider with the discovered transport and codec and every default; close it when done
   * @throws IllegalStateException naming the artifacts to add when no JSON codec is found
   */
  public static CachingTokenProvider tokenProvider(ProjectCredentials credentials) {
    return builder(credentials).build();
  }

  /**
   * @param credentials the project's key and secret
   * @return the one builder of a provider
   */
  public static Builder builder(ProjectCredentials credentials) {
    return new Builder(credentials);
  }

  /** Configures a {@link CachingTokenProvider}, checking each setting as given; defaults: core README. */
  public static final class Builder {
    // Read by TokenClient and CachingTokenProvider, which this builder makes.
    final ProjectCredentials credentials;
    URI endpoint = TokenRequest.DEFAULT_ENDPOINT;
    CredentialEncoding credentialEncoding = CredentialEncoding.RFC6749;
    HttpTransport transport;
    JsonCodec codec;
    TimeSource time = TimeSource.system();
    Executor executor;
    TokenListener listener;
    Duration maxWait = Duration.ofSeconds(20);
    // Tuning that only tests turn: package-private on purpose.
    DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    int maxAttempts = 3;
    Duration deadline = Duration.ofSeconds(30);
    Duration attemptTimeout = Duration.ofSeconds(10);
    Duration retryBackoff = Duration.ofMillis(250);
    Duration maxRetryBackoff = Duration.ofSeconds(5);
    Duration maxRetryAfter = Duration.ofSeconds(30);
    Duration refreshAheadMax = Duration.ofSeconds(60);
    double refreshAheadFraction = 0.25;
    Duration expiryMarginMax = Duration.ofSeconds(30);
    double expiryMarginFraction = 0.10;
    double jitterFraction = 0.10;
    Duration failureBackoff = Duration.ofSeconds(1);
    Duration maxFailureBackoff = Duration.ofSeconds(60);
    Duration noTokenMaxBackoff = Duration.ofSeconds(5);
    Duration credentialsRejectedBackoff = Duration.ofSeconds(30);
    Duration clockCheckInterval = Duration.ofSeconds(5);

    private Builder(ProjectCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * @param endpoint https, or http to a loopback host; default {@link TokenRequest#DEFAULT_ENDPOINT}
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      TokenRequest.checkEndpoint(endpoint);
      this.endpoint = endpoint;
      return this;
    }

    /**
     * @param encoding how the key and secret go in the Basic header; default {@link CredentialEncoding#RFC6749}
     * @return this builder
     * @throws IllegalArgumentException for RAW with a key that holds {@code :}
     */
    public Builder credentialEncoding(CredentialEncoding encoding) {
      Objects.requireNonNull(encoding, "credentialEncoding").checkKey(credentials.key());
      this.credentialEncoding = encoding;
      return this;
    }

    /**
     * @param transport the HTTP transport, yours to close; default: discovered (else
     *     {@link HttpUrlConnectionTransport}), and closed with the provider
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * @param codec the JSON codec; default: discovered
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "jsonCodec");
      return this;
    }

    /**
     * @param time the clocks and timer; default {@link TimeSource#system()}
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /**
     * @param executor where listener calls run and {@code tokenAsync()} futures that waited complete,
     *     and where a discovered {@link HttpUrlConnectionTransport} runs its exchanges; yours to shut
     *     down; default a shared pool of two daemon threads
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * @param listener hooks for logging and metrics
     * @return this builder
     */
    public Builder listener(TokenListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @param maxWait the most a caller waits when there is no valid token; default 20 s
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = positive("maxWait", maxWait);
      return this;
    }

    /**
     * @return the provider (transport and codec discovered if not given; nothing starts before the
     *     first token is asked for); close it when done
     * @throws IllegalStateException naming the artifacts to add when discovery finds no JSON codec
     */
    public CachingTokenProvider build() {
      return new CachingTokenProvider(buildClient(), this);
    }

    TokenClient buildClient() {
      return new TokenClient(this);
    }

    /** The executor given, else the shared one: the provider's, and a discovered fallback transport's. */
    Executor executorOrShared() {
      return executor != null ? executor : SharedExecutor.get();
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    Builder maxAttempts(int maxAttempts) {
      check(maxAttempts >= 1 && maxAttempts <= 10, "maxAttempts must be 1 to 10, was " + maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /**
     * @param attemptTimeout the most one token request may take, connecting included; default 10 s
     *     (a fetch makes up to three attempts within 30 s)
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive("attemptTimeout", attemptTimeout);
      return this;
    }

    Builder retryBackoff(Duration initial, Duration max) {
      this.retryBackoff = positive("retryBackoff initial", initial);
      this.maxRetryBackoff = atLeast("retryBackoff max", max, initial);
      return this;
    }

    Builder refreshAhead(Duration max, double fraction) {
      this.refreshAheadMax = positive("refreshAhead max", max);
      this.refreshAheadFraction = fraction("refreshAhead fraction", fraction);
      return this;
    }

    Builder jitter(double jitterFraction) {
      check(jitterFraction >= 0 && jitterFraction <= 0.5, "jitter must be 0 to 0.5, was " + jitterFraction);
      this.jitterFraction = jitterFraction;
      return this;
    }

    Builder failureBackoff(Duration initial, Duration max) {
      this.failureBackoff = positive("failureBackoff initial", initial);
      this.maxFailureBackoff = atLeast("failureBackoff max", max, initial);
      return this;
    }

    private static Duration positive(String name, Duration d) {
      check(!Objects.requireNonNull(d, name).isNegative() && !d.isZero(), name + " must be positive, was " + d);
      return d;
    }

    private static Duration atLeast(String name, Duration d, Duration floor) {
      check(positive(name, d).compareTo(floor) >= 0,
          name + " (" + d + ") must not be below the initial (" + floor + ")");
      return d;
    }

    private static double fraction(String name, double f) {
      check(f > 0 && f < 1, name + " must be above 0 and below 1, was " + f);
      return f;
    }

    private static void check(boolean valid, String problem) {
      if (!valid) {
        throw new IllegalArgumentException(problem);
      }
    }
  }
}
