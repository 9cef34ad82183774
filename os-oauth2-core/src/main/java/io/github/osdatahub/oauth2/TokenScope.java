package io.github.osdatahub.oauth2;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a bearer token may be sent: the one place every adapter asks before it adds the
 * {@code Authorization} header.
 *
 * <p>A request is in scope when its host is one of the allowed hosts (default {@code api.os.uk},
 * compared case-insensitively), its scheme is {@code https} (or {@code http} to a loopback host,
 * for tests), and it is not the token endpoint itself ({@code /oauth2/token/...}). Redirect targets
 * are checked hop by hop with the same rule, so the token never reaches another host.
 *
 * <pre>{@code
 * TokenScope scope = TokenScope.of("api.os.uk", "127.0.0.1");
 * boolean send = scope.permits(URI.create("https://api.os.uk/maps/raster/v1/wmts"));
 * }</pre>
 */
public final class TokenScope {
  /** The OS Data Hub API host. */
  public static final String OS_DATA_HUB_HOST = "api.os.uk";

  private static final TokenScope DEFAULT = new TokenScope(Set.of(OS_DATA_HUB_HOST));

  private final Set<String> hosts;

  private TokenScope(Set<String> hosts) {
    this.hosts = hosts;
  }

  /**
   * The default scope: {@code api.os.uk} over https.
   *
   * @return the default scope
   */
  public static TokenScope defaults() {
    return DEFAULT;
  }

  /**
   * A scope of the given hosts (host names or IP literals, without port).
   *
   * @param hosts at least one host
   * @return the scope
   * @throws IllegalArgumentException when no host is given or a host is blank or has a port
   */
  public static TokenScope of(String... hosts) {
    Objects.requireNonNull(hosts, "hosts");
    if (hosts.length == 0) {
      throw new IllegalArgumentException("TokenScope needs at least one host");
    }
    return new TokenScope(Arrays.stream(hosts).map(TokenScope::normalise)
        .collect(Collectors.toUnmodifiableSet()));
  }

  /**
   * This scope plus more hosts.
   *
   * @param more hosts to allow as well
   * @return a new scope
   */
  public TokenScope and(String... more) {
    String[] all = hosts.toArray(new String[0]);
    String[] joined = Arrays.copyOf(all, all.length + more.length);
    System.arraycopy(more, 0, joined, all.length, more.length);
    return of(joined);
  }

  /**
   * The allowed hosts, lower case.
   *
   * @return an unmodifiable set
   */
  public Set<String> hosts() {
    return hosts;
  }

  /**
   * Whether a token may be sent to this URI.
   *
   * @param uri an absolute request URI
   * @return true when scheme, host and path are all in scope
   */
  public boolean permits(URI uri) {
    return uri != null && permits(uri.getScheme(), uri.getHost(), uri.getRawPath());
  }

  /**
   * Whether a token may be sent to this scheme, host and path.
   *
   * @param scheme {@code https} or {@code http}
   * @param host the host, as in the URL (IPv6 literals with or without brackets)
   * @param path the request path, or null
   * @return true when all three are in scope
   */
  public boolean permits(String scheme, String host, String path) {
    if (scheme == null || host == null) {
      return false;
    }
    String h = stripBrackets(host).toLowerCase(Locale.ROOT);
    if (!hosts.contains(h)) {
      return false;
    }
    boolean schemeOk = scheme.equalsIgnoreCase("https")
        || (scheme.equalsIgnoreCase("http") && isLoopback(h));
    return schemeOk && !isTokenEndpointPath(path);
  }

  /**
   * Whether a host is a loopback address by its literal form: {@code localhost}, {@code 127.x.x.x}
   * or {@code ::1}. No name lookup is made.
   *
   * @param host a host name or IP literal
   * @return true for loopback
   */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = stripBrackets(host).toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  private static boolean isTokenEndpointPath(String path) {
    return path != null && path.startsWith("/oauth2/token/");
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String normalise(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("TokenScope host must not be blank");
    }
    String h = stripBrackets(host.strip()).toLowerCase(Locale.ROOT);
    if (h.contains("/") || (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':'))) {
      throw new IllegalArgumentException("TokenScope host must be a bare host, without scheme, path or port: " + host);
    }
    return h;
  }

  @Override
  public String toString() {
    return "TokenScope" + hosts;
  }
}
