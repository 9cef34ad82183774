package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.internal.Discovery;
import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Does one token exchange: sends the {@link TokenRequest}, maps errors to typed exceptions and
 * retries what is worth retrying. No cache: use {@link CachingTokenProvider} (or {@link OsOAuth2})
 * to hold and renew the token.
 *
 * <p>Retry policy: 5xx, 429 and transport failures are retried with exponential backoff and full
 * jitter (honouring {@code Retry-After}, in seconds or as an HTTP date, capped), at most
 * {@link Builder#maxAttempts(int) 3 attempts} within an {@link Builder#deadline(Duration) overall
 * deadline} of 30 s; 400, 401 and 403 are never retried. Each attempt may take 10 s.
 *
 * <pre>{@code
 * TokenClient client = TokenClient.builder(ProjectCredentials.fromEnvironment())
 *     .transport(JdkHttpTransport.create())
 *     .jsonCodec(JacksonJsonCodec.create())
 *     .build();
 * AccessToken token = client.fetch();
 * }</pre>
 */
public final class TokenClient {
  private final TokenRequest request;
  private final HttpTransport transport;
  private final JsonCodec codec;
  private final TimeSource time;
  private final int maxAttempts;
  private final Duration deadline;
  private final Duration attemptTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final LongAdder requestsSent = new LongAdder();

  private TokenClient(Builder b) {
    this.request = TokenRequest.create(b.credentials, b.endpoint);
    this.transport = b.transport != null ? b.transport : Discovery.transport();
    this.codec = b.codec != null ? b.codec : Discovery.jsonCodec();
    this.time = b.time;
    this.maxAttempts = b.maxAttempts;
    this.deadline = b.deadline;
    this.attemptTimeout = b.attemptTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
  }

  /**
   * A client with the transport and JSON codec found on the class path or module path.
   *
   * @param credentials the project's key and secret
   * @return the client
   * @throws IllegalStateException naming the artifacts to add when no transport or codec is found
   */
  public static TokenClient create(ProjectCredentials credentials) {
    return builder(credentials).build();
  }

  /**
   * A builder; what it is given wins over discovery.
   *
   * @param credentials the project's key and secret
   * @return the builder
   */
  public static Builder builder(ProjectCredentials credentials) {
    return new Builder(credentials);
  }

  /**
   * Gets a new token, retrying as the policy allows, on the calling thread.
   *
   * @return the token; its expiry counts from when the successful request was sent
   * @throws OsOAuth2Exception the typed failure of the last attempt
   */
  public AccessToken fetch() {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * Gets a new token without blocking the calling thread: the transport's own asynchronous path,
   * backoff waits on the {@link TimeSource} timer.
   *
   * @return a future of the token, completed exceptionally with an {@link OsOAuth2Exception}
   */
  public CompletableFuture<AccessToken> fetchAsync() {
    throw new UnsupportedOperationException("not yet built");
  }

  /**
   * The request this client sends.
   *
   * @return the request
   */
  public TokenRequest request() {
    return request;
  }

  /**
   * HTTP requests sent so far, retries included.
   *
   * @return the count
   */
  public long requestsSent() {
    return requestsSent.sum();
  }

  /** The time source, shared with a cache built on this client. */
  TimeSource timeSource() {
    return time;
  }

  @Override
  public String toString() {
    return "TokenClient[" + request.endpoint() + ", transport=" + transport.getClass().getSimpleName()
        + ", json=" + codec.getClass().getSimpleName() + "]";
  }

  /** Configures a {@link TokenClient}; validates each setting as it is given. */
  public static final class Builder {
    private final ProjectCredentials credentials;
    private URI endpoint = TokenRequest.DEFAULT_ENDPOINT;
    private HttpTransport transport;
    private JsonCodec codec;
    private TimeSource time = TimeSource.system();
    private int maxAttempts = 3;
    private Duration deadline = Duration.ofSeconds(30);
    private Duration attemptTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    private Builder(ProjectCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * The token endpoint; default {@code https://api.os.uk/oauth2/token/v1}.
     *
     * @param endpoint https, or http to a loopback host
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      TokenRequest.checkEndpoint(endpoint);
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The HTTP transport; default: discovered.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * The JSON codec; default: discovered.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "jsonCodec");
      return this;
    }

    /**
     * The clocks and timer; default {@link TimeSource#system()}.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /**
     * Most HTTP requests per fetch, the first included; default 3.
     *
     * @param maxAttempts 1 to 10
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The most one fetch may take, retries and waits included; default 30 s.
     *
     * @param deadline positive
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /**
     * The most one HTTP request may take; default 10 s.
     *
     * @param attemptTimeout positive
     * @return this builder
     */
    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = positive("attemptTimeout", attemptTimeout);
      return this;
    }

    /**
     * The first backoff's upper bound (full jitter draws from zero to it, doubling each retry);
     * default 250 ms.
     *
     * @param initialBackoff positive
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("initialBackoff", initialBackoff);
      return this;
    }

    /**
     * The largest backoff bound; default 5 s.
     *
     * @param maxBackoff positive
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * The longest {@code Retry-After} honoured; a longer one ends the retries. Default 30 s.
     *
     * @param maxRetryAfter positive
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = positive("maxRetryAfter", maxRetryAfter);
      return this;
    }

    /**
     * Builds the client, discovering the transport and codec if none was given.
     *
     * @return the client
     * @throws IllegalStateException naming the artifacts to add when discovery finds nothing
     */
    public TokenClient build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException("initialBackoff (" + initialBackoff + ") must not exceed maxBackoff ("
            + maxBackoff + ")");
      }
      return new TokenClient(this);
    }

    static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
