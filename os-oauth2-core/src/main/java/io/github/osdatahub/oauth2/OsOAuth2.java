package io.github.osdatahub.oauth2;

import io.github.osdatahub.oauth2.spi.HttpTransport;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The entry point: a cached, self-renewing token provider in one line.
 *
 * <pre>{@code
 * // Transport and JSON found on the class path (add e.g. os-oauth2-jdk and os-oauth2-jackson):
 * CachingTokenProvider provider = OsOAuth2.tokenProvider(ProjectCredentials.fromEnvironment());
 *
 * // Or everything explicit:
 * CachingTokenProvider provider = OsOAuth2.builder(credentials)
 *     .transport(OkHttpTransport.create(okHttpClient))
 *     .jsonCodec(GsonJsonCodec.create())
 *     .build();
 * }</pre>
 */
public final class OsOAuth2 {
  private OsOAuth2() {}

  /**
   * The SDK's version, as sent in its {@code User-Agent}.
   *
   * @return the version, such as {@code 0.1.0}, or {@code unknown} when run from unpackaged classes
   */
  public static String version() {
    return io.github.osdatahub.oauth2.internal.SdkVersion.version();
  }

  /**
   * A caching provider with the discovered transport and codec and every default.
   *
   * @param credentials the project's key and secret
   * @return the provider; {@link CachingTokenProvider#close() close} it when done
   * @throws IllegalStateException naming the artifacts to add when no transport or codec is found
   */
  public static CachingTokenProvider tokenProvider(ProjectCredentials credentials) {
    return builder(credentials).build();
  }

  /**
   * A builder where everything can be explicit; what it is not given is discovered or defaulted.
   *
   * @param credentials the project's key and secret
   * @return the builder
   */
  public static Builder builder(ProjectCredentials credentials) {
    return new Builder(credentials);
  }

  /**
   * Configures the common settings of a {@link TokenClient} and the {@link CachingTokenProvider}
   * over it. For the finer settings, build those two directly.
   */
  public static final class Builder {
    private final TokenClient.Builder client;
    private Executor executor;
    private TokenListener listener;
    private Duration maxWait;
    private TimeSource time;

    private Builder(ProjectCredentials credentials) {
      this.client = TokenClient.builder(credentials);
    }

    /**
     * The token endpoint; default {@code https://api.os.uk/oauth2/token/v1}.
     *
     * @param endpoint https, or http to a loopback host
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      client.endpoint(endpoint);
      return this;
    }

    /**
     * How the key and secret go in the token request's Basic header; default
     * {@link CredentialEncoding#RFC6749}. See {@link TokenClient.Builder#credentialEncoding}.
     *
     * @param encoding {@link CredentialEncoding#RAW} for a gateway that does not decode
     * @return this builder
     * @throws IllegalArgumentException when the encoding cannot carry the key
     */
    public Builder credentialEncoding(CredentialEncoding encoding) {
      client.credentialEncoding(encoding);
      return this;
    }

    /**
     * The HTTP transport; default: discovered.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      client.transport(transport);
      return this;
    }

    /**
     * The JSON codec; default: discovered.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      client.jsonCodec(codec);
      return this;
    }

    /**
     * The clocks and timer for the client and the cache; default {@link TimeSource#system()}.
     *
     * @param time the time source
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      client.timeSource(time);
      return this;
    }

    /**
     * Where background refreshes and listener calls run; default a shared daemon executor.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Hooks for logging and metrics.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TokenListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The most {@link CachingTokenProvider#token()} waits for a token; default 20 s.
     *
     * @param maxWait positive
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      this.maxWait = TokenClient.Builder.positive("maxWait", maxWait);
      return this;
    }

    /**
     * Builds the client and the caching provider over it.
     *
     * @return the provider
     */
    public CachingTokenProvider build() {
      CachingTokenProvider.Builder cache = CachingTokenProvider.builder(client.build());
      if (executor != null) {
        cache.executor(executor);
      }
      if (listener != null) {
        cache.listener(listener);
      }
      if (maxWait != null) {
        cache.maxWait(maxWait);
      }
      if (time != null) {
        cache.timeSource(time);
      }
      return cache.build();
    }
  }
}
