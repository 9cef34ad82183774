package io.github.osdatahub.oauth2;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The token exchange as data, built once and reused: the {@code POST} with Basic credentials and
 * {@code grant_type=client_credentials} that a {@link io.github.osdatahub.oauth2.spi.HttpTransport}
 * sends. {@link #toString()} redacts the {@code Authorization} header.
 */
public final class TokenRequest {
  /** The OS Data Hub token endpoint. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.os.uk/oauth2/token/v1");
  /** The largest response body a transport reads; token answers are about 120 bytes. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private static final byte[] BODY = "grant_type=client_credentials".getBytes(StandardCharsets.US_ASCII);

  private final URI endpoint;
  private final Map<String, String> headers;

  private TokenRequest(URI endpoint, Map<String, String> headers) {
    this.endpoint = endpoint;
    this.headers = headers;
  }

  /**
   * @param credentials the project's key and secret
   * @return the request to {@link #DEFAULT_ENDPOINT}
   */
  public static TokenRequest create(ProjectCredentials credentials) {
    return create(credentials, DEFAULT_ENDPOINT);
  }

  /**
   * @param credentials the project's key and secret
   * @param endpoint an absolute https URI, or http to a loopback host (such as a fake in tests)
   * @return the request to that endpoint
   * @throws IllegalArgumentException for an endpoint without a host, with user info or a fragment, or http off loopback
   */
  public static TokenRequest create(ProjectCredentials credentials, URI endpoint) {
    return create(credentials, endpoint, CredentialEncoding.RFC6749);
  }

  /**
   * @param credentials the project's key and secret
   * @param endpoint an absolute https URI, or http to a loopback host
   * @param encoding how the key and secret go in the Basic header
   * @return the request to that endpoint
   * @throws IllegalArgumentException for a bad endpoint, or {@link CredentialEncoding#RAW} with a key holding {@code :}
   */
  public static TokenRequest create(ProjectCredentials credentials, URI endpoint, CredentialEncoding encoding) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(encoding, "credentialEncoding");
    checkEndpoint(endpoint);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", credentials.basicAuthorization(encoding));
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("Accept", "application/json");
    headers.put("User-Agent", SdkVersion.userAgent());
    return new TokenRequest(endpoint, Collections.unmodifiableMap(headers));
  }

  static void checkEndpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
      throw new IllegalArgumentException("token endpoint must be an absolute URL with a host: " + endpoint);
    }
    if (endpoint.getRawUserInfo() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException("token endpoint must not carry user info or a fragment");
    }
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && Loopback.isLoopback(endpoint.getHost()))) {
      throw new IllegalArgumentException("token endpoint must use https (plain http is allowed only to a loopback host): "
          + endpoint);
    }
  }

  /** {@return where the request goes} */
  public URI endpoint() {
    return endpoint;
  }

  /** {@return the HTTP method, always {@code POST}} */
  public String method() {
    return "POST";
  }

  /** {@return the headers in sending order, unmodifiable; they hold the Basic credentials: never log them} */
  public Map<String, String> headers() {
    return headers;
  }

  /** {@return a fresh copy of the form body, {@code grant_type=client_credentials}} */
  public byte[] body() {
    return BODY.clone();
  }

  /** {@return the body's {@code Content-Type}, {@code application/x-www-form-urlencoded}} */
  public String contentType() {
    return headers.get("Content-Type");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TokenRequest[POST ").append(endpoint).append(", headers={");
    headers.forEach((name, value) -> b.append(name).append('=')
        .append(name.equals("Authorization") ? "Basic ****" : value).append(", "));
    b.setLength(b.length() - 2);
    return b.append("}]").toString();
  }
}
