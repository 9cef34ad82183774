package io.github.osdatahub.oauth2.testkit;

import io.github.osdatahub.oauth2.testkit.internal.FormData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * One request as {@link FakeOsDataHub} received it: method, path, query, headers and body, and
 * the status the hub answered it with.
 *
 * <p>Immutable: a snapshot taken when the hub's request list was read, so a request still being
 * answered then shows {@link #status()} 0. Header names are case-insensitive. {@link #toString()}
 * never shows credentials: {@code Authorization} values keep only their scheme, and the API key
 * ({@code key} header or query parameter) is masked.
 *
 * <pre>{@code
 * RecordedRequest request = hub.tokenRequests().get(0);
 * assertEquals("POST", request.method());
 * assertEquals(Optional.of("application/json"), request.header("accept"));
 * assertEquals(200, request.status());
 * }</pre>
 */
public final class RecordedRequest {
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization");
  private static final Set<String> MASKED_HEADERS = Set.of("key", "cookie");
  private static final Set<String> MASKED_QUERY_PARAMETERS = Set.of("key", "access_token", "client_secret");

  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final Instant receivedAt;
  private final int status;

  RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
      Instant receivedAt) {
    this.method = method;
    this.path = path;
    this.query = query == null ? "" : query;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.merge(name, List.copyOf(values), (a, b) -> {
      List<String> both = new ArrayList<>(a);
      both.addAll(b);
      return List.copyOf(both);
    }));
    this.headers = Collections.unmodifiableMap(copy);
    this.body = body.clone();
    this.receivedAt = receivedAt;
    this.status = 0;
  }

  private RecordedRequest(RecordedRequest request, int status) {
    this.method = request.method;
    this.path = request.path;
    this.query = request.query;
    this.headers = request.headers;
    this.body = request.body; // never handed out without a copy
    this.receivedAt = request.receivedAt;
    this.status = status;
  }

  /** This request with the status the hub answered (0 for none yet). */
  RecordedRequest withStatus(int answered) {
    return answered == status ? this : new RecordedRequest(this, answered);
  }

  /**
   * The HTTP method.
   *
   * @return e.g. {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * The path as sent, not decoded.
   *
   * @return e.g. {@code /oauth2/token/v1}
   */
  public String path() {
    return path;
  }

  /**
   * The query as sent, not decoded, without the {@code ?}.
   *
   * @return the raw query, or {@code ""} when there was none
   */
  public String query() {
    return query;
  }

  /**
   * The first value of a query parameter, decoded.
   *
   * @param name the parameter name
   * @return the value, or empty when absent
   */
  public Optional<String> queryParameter(String name) {
    return FormData.first(query, name);
  }

  /**
   * Every header, names compared case-insensitively.
   *
   * @return an unmodifiable map of name to values in the order received
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the value, or empty when absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The body (the first MiB of it; test requests are small).
   *
   * @return a copy of the bytes, empty when there was none
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body decoded as UTF-8.
   *
   * @return the text
   */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * When the request arrived, on the fake's wall clock.
   *
   * @return the instant
   */
  public Instant receivedAt() {
    return receivedAt;
  }

  /**
   * The HTTP status the hub answered with, e.g. 200, or 401 for a missing or expired token. An
   * {@code OPTIONS} request is a CORS preflight, answered 204.
   *
   * @return the status; 0 when no answer had been sent when the list was read (still being
   *     answered, e.g. a delayed token answer) or none ever was (a dropped connection)
   */
  public int status() {
    return status;
  }

  /** Method, path, masked query, status, headers with credentials masked, and the body's size only. */
  @Override
  public String toString() {
    StringJoiner shownHeaders = new StringJoiner(", ", "{", "}");
    headers.forEach((name, values) -> {
      for (String value : values) {
        shownHeaders.add(name + ": " + masked(name.toLowerCase(Locale.ROOT), value));
      }
    });
    return "RecordedRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + maskedQuery())
        + ", status=" + status + ", headers=" + shownHeaders + ", body=" + body.length + " bytes]";
  }

  private static String masked(String lowerName, String value) {
    if (SECRET_HEADERS.contains(lowerName)) {
      int space = value.indexOf(' ');
      return space < 0 ? "****" : value.substring(0, space) + " ****";
    }
    return MASKED_HEADERS.contains(lowerName) ? "****" : value;
  }

  private String maskedQuery() {
    StringJoiner shown = new StringJoiner("&");
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      boolean secret = MASKED_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
      shown.add(secret && eq >= 0 ? name + "=****" : pair);
    }
    return shown.toString();
  }
}
