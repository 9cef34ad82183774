package io.github.osdatahub.oauth2.relay;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link TokenRelay} needs to know about one HTTP request: its method, its headers, the client's
 * address and, for the application's own session check, the server's request object. Adapters make
 * one per request; so may tests and other frameworks. {@link #toString()} shows no header (cookies and
 * credentials live there).
 *
 * <pre>{@code
 * RelayRequest request = RelayRequest.of("GET", exchange.getRequestHeaders()::getFirst,
 *     exchange.getRemoteAddress().getAddress().getHostAddress(), exchange);
 * }</pre>
 */
public final class RelayRequest {
  private final String method;
  private final Function<String, String> headers;
  private final String clientAddress;
  private final Object serverRequest;

  private RelayRequest(String method, Function<String, String> headers, String clientAddress, Object serverRequest) {
    this.method = method;
    this.headers = headers;
    this.clientAddress = clientAddress;
    this.serverRequest = serverRequest;
  }

  /**
   * @param method the HTTP method, as the client sent it (methods are case-sensitive)
   * @param headers looks up a header's first value by name, case-insensitively; null when absent
   * @param clientAddress the client's IP address (the default key of the rate limit), or null if unknown
   * @param serverRequest the server's own request object ({@code HttpExchange}, {@code HttpServletRequest},
   *     ...) for {@link #unwrap(Class)}, or null
   * @return the request
   */
  public static RelayRequest of(String method, Function<String, String> headers, String clientAddress,
      Object serverRequest) {
    return new RelayRequest(Objects.requireNonNull(method, "method"), Objects.requireNonNull(headers, "headers"),
        clientAddress, serverRequest);
  }

  /** {@return the HTTP method} */
  public String method() {
    return method;
  }

  /**
   * @param name a header name, in any case
   * @return its first value, if the request has it
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.apply(name));
  }

  // The relay's own lookups: no Optional on the path every request takes.
  String headerOrNull(String name) {
    return headers.apply(name);
  }

  /** {@return the client's IP address as the server saw it (a proxy's, behind one), if known} */
  public Optional<String> clientAddress() {
    return Optional.ofNullable(clientAddress);
  }

  /**
   * The server's own request object, for a session check that needs more than headers.
   *
   * <pre>{@code
   * .sessionCheck(r -> r.unwrap(HttpServletRequest.class).map(q -> q.getSession(false) != null).orElse(false))
   * }</pre>
   *
   * @param <T> the type asked for
   * @param type {@code HttpExchange.class}, {@code HttpServletRequest.class}, ...
   * @return the request object, if there is one of that type
   */
  public <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(serverRequest) ? Optional.of(type.cast(serverRequest)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "RelayRequest[" + method + (clientAddress == null ? "" : " from " + clientAddress) + "]";
  }
}
