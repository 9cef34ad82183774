package io.github.osdatahub.oauth2;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a bearer token may be sent: the one place every adapter asks before it adds the
 * {@code Authorization} header, on the first request and on every redirect hop. A scope is a set of
 * origins, each a host with an optional port. A request is in scope when
 * <ul>
 *   <li>its scheme is {@code https}, or {@code http} to a loopback host ({@code localhost}, an IPv4
 *       literal in {@code 127.0.0.0/8} or {@code ::1}: judged by the literal, never by a name lookup);
 *   <li>its host is one of the scope's (case-insensitive) and its port matches: an entry with a port
 *       permits that port only; one without permits 443, or any port for a loopback host (tests use
 *       ephemeral ports);
 *   <li>its path is not the token endpoint's ({@code /oauth2/token/...}, however spelt).
 * </ul>
 *
 * <pre>{@code
 * boolean send = TokenScope.of("api.os.uk").permits(URI.create("https://api.os.uk/maps/raster/v1/wmts"));
 * }</pre>
 */
public final class TokenScope {
  /** The OS Data Hub API host. */
  public static final String OS_DATA_HUB_HOST = "api.os.uk";

  private static final int ANY_PORT = -1;
  private static final TokenScope DEFAULT = of(OS_DATA_HUB_HOST);

  private final Set<String> entries;

  private TokenScope(Set<String> entries) {
    this.entries = entries;
  }

  /** {@return the default scope: {@code api.os.uk} over https on port 443} */
  public static TokenScope defaults() {
    return DEFAULT;
  }

  /**
   * @param origins at least one host or IP literal, maybe with a port ({@code "api.os.uk:8443"}, {@code "[::1]:80"})
   * @return a scope of those origins
   * @throws IllegalArgumentException when none is given, or one is blank, has a scheme or path, or a bad port
   */
  public static TokenScope of(String... origins) {
    Objects.requireNonNull(origins, "origins");
    if (origins.length == 0) {
      throw new IllegalArgumentException("TokenScope needs at least one host");
    }
    return new TokenScope(Arrays.stream(origins).map(TokenScope::normalise)
        .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * @param more origins to allow as well, in the form {@link #of(String...)} takes
   * @return a new scope of this one's origins and those
   */
  public TokenScope and(String... more) {
    return of(Stream.concat(entries.stream(), Arrays.stream(more)).toArray(String[]::new));
  }

  /** {@return the allowed origins, unmodifiable, lower case: {@code host} or {@code host:port} (IPv6 in brackets)} */
  public Set<String> hosts() {
    return entries;
  }

  /**
   * @param uri an absolute request URI
   * @return whether a token may be sent there: scheme, host, port and path all in scope
   */
  public boolean permits(URI uri) {
    return uri != null && permits(uri.getScheme(), uri.getHost(), uri.getPort(), uri.getRawPath());
  }

  /**
   * @param scheme {@code https} or {@code http}
   * @param host the host, as in the URL (IPv6 with or without brackets)
   * @param port the port, or -1 for the scheme's default
   * @param path the raw request path, or null
   * @return whether a token may be sent there: all four in scope
   */
  public boolean permits(String scheme, String host, int port, String path) {
    if (scheme == null || host == null) {
      return false;
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    String h = canonicalHost(host);
    boolean loopback = Loopback.isLoopback(h);
    if (!(s.equals("https") || (s.equals("http") && loopback))) {
      return false;
    }
    int effective = port == ANY_PORT ? (s.equals("https") ? 443 : 80) : port;
    boolean originOk = entries.contains(origin(h, effective))
        || (entries.contains(origin(h, ANY_PORT)) && (loopback || effective == 443));
    return originOk && !TokenEndpointPath.matches(path);
  }

  private static String origin(String host, int port) {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == ANY_PORT ? h : h + ":" + port;
  }

  private static String canonicalHost(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.toLowerCase(Locale.ROOT);
  }

  private static String normalise(String entry) {
    if (entry == null || entry.isBlank()) {
      throw new IllegalArgumentException("TokenScope host must not be blank");
    }
    String e = entry.strip();
    if (e.contains("/") || e.contains("@") || e.contains("?") || e.contains("#")) {
      throw new IllegalArgumentException("TokenScope entry must be a host with an optional port, without scheme, "
          + "user or path: " + entry);
    }
    String host;
    int port = ANY_PORT;
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("TokenScope entry has an unclosed '[': " + entry);
      }
      host = e.substring(1, close);
      port = port(e.substring(close + 1), entry);
    } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
      host = e.substring(0, e.indexOf(':'));
      port = port(e.substring(e.indexOf(':')), entry);
    } else {
      host = e; // a name, an IPv4 literal, or an unbracketed IPv6 literal
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("TokenScope entry has no host: " + entry);
    }
    return origin(canonicalHost(host), port);
  }

  private static int port(String suffix, String entry) {
    if (suffix.isEmpty()) {
      return ANY_PORT;
    }
    String digits = suffix.startsWith(":") ? suffix.substring(1) : "";
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("TokenScope entry has a bad port: " + entry);
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("TokenScope port must be 1 to 65535: " + entry);
    }
    return port;
  }

  @Override
  public String toString() {
    return "TokenScope" + entries.stream().sorted().collect(Collectors.toList());
  }
}
