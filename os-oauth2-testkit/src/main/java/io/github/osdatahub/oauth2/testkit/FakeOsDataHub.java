package io.github.osdatahub.oauth2.testkit;

import com.sun.net.httpserver.HttpServer;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TimeSource;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.testkit.internal.IssuedTokens;
import io.github.osdatahub.oauth2.testkit.internal.JsonText;
import io.github.osdatahub.oauth2.testkit.internal.MinuteRateLimiter;
import io.github.osdatahub.oauth2.testkit.internal.RasterLayers;
import io.github.osdatahub.oauth2.testkit.internal.RasterLayers.MatrixSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * An in-process fake of the OS Data Hub on a loopback port: the OAuth 2 token endpoint
 * ({@code POST /oauth2/token/v1}) and the APIs a web map uses (Maps raster ZXY and WMTS, Vector
 * Tiles, NGD Features, Places, Names), answering as the real gateway does, byte for byte where
 * that is known, with knobs for the clock, the rate limit, the project's plan and injected faults.
 * The APIs answer CORS preflights and allow any origin, so a page on another origin can call them
 * with {@code Authorization: Bearer}; the request log records each answer's status.
 *
 * <p>Thread-safe; serves a hundred and more concurrent clients. Time (token expiry, rate windows,
 * {@code issued_at}) comes from the given {@link TimeSource}'s wall clock, so a test moves it with
 * {@code ManualTimeSource.advance}. {@link #close()} stops the server and frees the port at once.
 *
 * <pre>{@code
 * ManualTimeSource time = new ManualTimeSource();
 * try (FakeOsDataHub hub = FakeOsDataHub.builder().timeSource(time).start()) {
 *   TokenProvider tokens = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).timeSource(time).build();
 *   // ... call hub.namesUri("Southampton") with the token ...
 *   assertEquals(1, hub.tokenRequestCount());
 * }
 * }</pre>
 */
public final class FakeOsDataHub implements AutoCloseable {
  /** The token endpoint's path, as on {@code api.os.uk}. */
  public static final String TOKEN_PATH = "/oauth2/token/v1";
  /** The project API key a hub accepts unless told otherwise. */
  public static final String DEFAULT_KEY = "fake-project-key";
  /** The project API secret a hub accepts unless told otherwise. */
  public static final String DEFAULT_SECRET = "fake-project-secret";

  private static final AtomicInteger SERVER_NUMBER = new AtomicInteger();
  private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    // The JDK HttpServer writes a response's headers and body separately and, unless this is set
    // before its first use in the JVM, leaves Nagle's algorithm on: each answer then waits ~40 ms
    // for the client's delayed ACK. A fake that answers in 40 ms would slow every suite and skew
    // every benchmark, so turn it on unless the user decided otherwise.
    if (System.getProperty(NO_DELAY_PROPERTY) == null) {
      System.setProperty(NO_DELAY_PROPERTY, "true");
    }
  }

  private final String key;
  private final String secret;
  private final String host;
  private final TimeSource time;
  private final Settings built;
  private final AtomicReference<Settings> settings;
  private final IssuedTokens tokens = new IssuedTokens();
  private final MinuteRateLimiter rateLimiter = new MinuteRateLimiter();
  private final Queue<TokenFault> faults = new ConcurrentLinkedQueue<>();
  private final RequestLog tokenLog;
  private final RequestLog apiLog;
  private final ExecutorService executor;
  private final HttpServer server;
  private final URI baseUri;

  private FakeOsDataHub(Builder builder) throws IOException {
    this.key = builder.key;
    this.secret = builder.secret;
    this.time = builder.time;
    this.built = builder.settings;
    this.settings = new AtomicReference<>(built);
    this.tokenLog = new RequestLog(builder.recordLimit);
    this.apiLog = new RequestLog(builder.recordLimit);
    InetAddress address = InetAddress.getByName(builder.bindAddress);
    String name = "fake-os-data-hub-" + SERVER_NUMBER.incrementAndGet() + "-";
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, name + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // A deep accept backlog, so a burst of a hundred parallel clients connects without SYN retries.
    this.server = HttpServer.create(new InetSocketAddress(address, builder.port), 1024);
    server.createContext("/", new Router(this));
    server.setExecutor(executor);
    server.start();
    String shownHost = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
        : builder.bindAddress;
    this.host = shownHost.startsWith("[") ? shownHost.substring(1, shownHost.length() - 1) : shownHost;
    String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    this.baseUri = URI.create("http://" + uriHost + ":" + server.getAddress().getPort());
  }

  /**
   * A builder with every setting at the real service's default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a hub with every default: {@value #DEFAULT_KEY} / {@value #DEFAULT_SECRET}, 299 s tokens,
   * the system clock, live-mode rate limit, on 127.0.0.1 and a free port.
   *
   * @return the running hub
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static FakeOsDataHub start() {
    return builder().start();
  }

  // ---- where it is and who it accepts ----

  /**
   * The server's root.
   *
   * @return e.g. {@code http://127.0.0.1:54321}
   */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The token endpoint.
   *
   * @return {@code baseUri() + "/oauth2/token/v1"}
   */
  public URI tokenUri() {
    return baseUri.resolve(TOKEN_PATH);
  }

  /**
   * The host the URIs name (the bind address; loopback when bound to every interface).
   *
   * @return e.g. {@code 127.0.0.1}
   */
  public String host() {
    return host;
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return baseUri.getPort();
  }

  /**
   * The credentials the token endpoint accepts.
   *
   * @return the project key and secret
   */
  public ProjectCredentials credentials() {
    return ProjectCredentials.of(key, secret);
  }

  /**
   * The project API key, accepted by the token endpoint and, on its own, by the APIs.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The project API secret.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /**
   * A token scope that lets an SDK send tokens to this hub's APIs (never to its token endpoint).
   *
   * @return {@code TokenScope.of(host())}
   */
  public TokenScope tokenScope() {
    return TokenScope.of(host);
  }

  /**
   * The clock the hub judges expiry and rate windows by.
   *
   * @return the time source given to the builder
   */
  public TimeSource timeSource() {
    return time;
  }

  /**
   * A Names API search on this hub.
   *
   * @param query the place to find, e.g. {@code Southampton}
   * @return {@code baseUri()/search/names/v1/find?query=...}, the query percent-encoded
   */
  public URI namesUri(String query) {
    return URI.create(baseUri + ProtectedApis.NAMES_API + "/find?query=" + encoded(query, "query"));
  }

  /**
   * A Names API {@code nearest} search on this hub.
   *
   * @param x easting, British National Grid, e.g. {@code 437293}
   * @param y northing, e.g. {@code 115539}
   * @return {@code baseUri()/search/names/v1/nearest?point=x,y}
   * @throws IllegalArgumentException for a number that is not finite
   */
  public URI namesNearestUri(double x, double y) {
    return URI.create(baseUri + ProtectedApis.NAMES_API + "/nearest?point=" + point(x, y));
  }

  /**
   * A Places API free-text search on this hub.
   *
   * @param query the address to find, e.g. {@code 10 Downing Street}
   * @return {@code baseUri()/search/places/v1/find?query=...}, the query percent-encoded
   */
  public URI placesFindUri(String query) {
    return URI.create(baseUri + ProtectedApis.PLACES_API + "/find?query=" + encoded(query, "query"));
  }

  /**
   * A Places API postcode search on this hub.
   *
   * @param postcode e.g. {@code SO16 0AS}
   * @return {@code baseUri()/search/places/v1/postcode?postcode=...}, percent-encoded
   */
  public URI placesPostcodeUri(String postcode) {
    return URI.create(baseUri + ProtectedApis.PLACES_API + "/postcode?postcode=" + encoded(postcode, "postcode"));
  }

  /**
   * A Places API {@code nearest} search on this hub.
   *
   * @param x easting, British National Grid
   * @param y northing
   * @return {@code baseUri()/search/places/v1/nearest?point=x,y}
   * @throws IllegalArgumentException for a number that is not finite
   */
  public URI placesNearestUri(double x, double y) {
    return URI.create(baseUri + ProtectedApis.PLACES_API + "/nearest?point=" + point(x, y));
  }

  /**
   * A Maps raster ZXY tile on this hub.
   *
   * @param layer e.g. {@code Road_3857}
   * @param z zoom
   * @param x column
   * @param y row
   * @return {@code baseUri()/maps/raster/v1/zxy/{layer}/{z}/{x}/{y}.png}
   * @throws IllegalArgumentException for a layer other than letters, digits and {@code _}, or a negative number
   */
  public URI rasterTileUri(String layer, int z, int x, int y) {
    if (layer == null || !layer.matches("[A-Za-z0-9_]+") || z < 0 || x < 0 || y < 0) {
      throw new IllegalArgumentException("raster tile needs a layer name and non-negative z/x/y");
    }
    return URI.create(baseUri + ProtectedApis.RASTER_API + "/zxy/" + layer + "/" + z + "/" + x + "/" + y + ".png");
  }

  /**
   * The Maps API's WMTS capabilities on this hub: every layer, with KVP {@code GetTile} URLs back
   * to this hub, as OpenLayers' {@code WMTSCapabilities} reads them.
   *
   * @return {@code baseUri()/maps/raster/v1/wmts?service=WMTS&request=GetCapabilities}
   */
  public URI wmtsCapabilitiesUri() {
    return URI.create(baseUri + ProtectedApis.RASTER_API + "/wmts?service=WMTS&request=GetCapabilities");
  }

  /**
   * A WMTS {@code GetTile} on this hub, as a WMTS client builds it from the capabilities.
   *
   * @param layer one of OS's layers, e.g. {@code Light_27700}
   * @param zoom the zoom level (tile matrix {@code EPSG:27700:<zoom>})
   * @param row the tile row
   * @param column the tile column
   * @return {@code baseUri()/maps/raster/v1/wmts?service=WMTS&request=GetTile&version=1.0.0&layer=...}
   * @throws IllegalArgumentException for a layer OS does not have, or a negative number
   */
  public URI wmtsTileUri(String layer, int zoom, int row, int column) {
    MatrixSet set = RasterLayers.matrixSetOf(layer == null ? "" : layer).orElseThrow(() ->
        new IllegalArgumentException("not an OS Maps API layer: " + layer + "; they are " + RasterLayers.names()));
    if (zoom < 0 || row < 0 || column < 0) {
      throw new IllegalArgumentException("WMTS tile needs non-negative zoom, row and column");
    }
    return URI.create(baseUri + ProtectedApis.RASTER_API + "/wmts?service=WMTS&request=GetTile&version=1.0.0"
        + "&layer=" + layer + "&style=default&format=image%2Fpng&tileMatrixSet=" + encoded(set.id(), "set")
        + "&tileMatrix=" + encoded(set.matrixId(zoom), "matrix") + "&tileRow=" + row + "&tileCol=" + column);
  }

  /**
   * The Vector Tile API's service metadata on this hub; its {@code tiles} point back here.
   *
   * @param srs {@code 3857} or {@code 27700}
   * @return {@code baseUri()/maps/vector/v1/vts?srs=...}
   * @throws IllegalArgumentException for another srs
   */
  public URI vectorTileServiceUri(int srs) {
    return URI.create(baseUri + ProtectedApis.VECTOR_API + "/vts?srs=" + vectorSrs(srs));
  }

  /**
   * The Vector Tile API's style on this hub: a Mapbox GL style whose source points back here.
   *
   * @param srs {@code 3857} or {@code 27700}
   * @return {@code baseUri()/maps/vector/v1/vts/resources/styles?srs=...}
   * @throws IllegalArgumentException for another srs
   */
  public URI vectorTileStyleUri(int srs) {
    return URI.create(baseUri + ProtectedApis.VECTOR_API + "/vts/resources/styles?srs=" + vectorSrs(srs));
  }

  /**
   * A vector tile on this hub. Note that OS's path puts the row before the column.
   *
   * @param srs {@code 3857} or {@code 27700}
   * @param z zoom
   * @param x column
   * @param y row
   * @return {@code baseUri()/maps/vector/v1/vts/tile/{z}/{y}/{x}.pbf?srs=...}
   * @throws IllegalArgumentException for another srs or a negative number
   */
  public URI vectorTileUri(int srs, int z, int x, int y) {
    if (z < 0 || x < 0 || y < 0) {
      throw new IllegalArgumentException("vector tile needs non-negative z/x/y");
    }
    return URI.create(baseUri + ProtectedApis.VECTOR_API + "/vts/tile/" + z + "/" + y + "/" + x + ".pbf?srs="
        + vectorSrs(srs));
  }

  /**
   * The NGD API - Features items of a collection on this hub, as GeoJSON. Add {@code bbox},
   * {@code bbox-crs}, {@code crs} or {@code limit} as a query.
   *
   * @param collectionId e.g. {@code bld-fts-buildingpart-1}
   * @return {@code baseUri()/features/ngd/ofa/v1/collections/{collectionId}/items}
   * @throws IllegalArgumentException for an id other than letters, digits, {@code -} and {@code _}
   */
  public URI featuresUri(String collectionId) {
    if (collectionId == null || !collectionId.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("collection id must be letters, digits, '-' or '_': " + collectionId);
    }
    return URI.create(baseUri + ProtectedApis.FEATURES_API + "/collections/" + collectionId + "/items");
  }

  private static String encoded(String value, String what) {
    return URLEncoder.encode(Objects.requireNonNull(value, what), StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String point(double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("point needs finite coordinates: " + x + "," + y);
    }
    return JsonText.number(x) + "," + JsonText.number(y);
  }

  private static int vectorSrs(int srs) {
    if (srs != 3857 && srs != 27700) {
      throw new IllegalArgumentException("the Vector Tile API serves srs 3857 and 27700, not " + srs);
    }
    return srs;
  }

  // ---- knobs while running; reset() restores what the builder said ----

  /**
   * Sets the lifetime of tokens issued from now on ({@code expires_in} reports it in whole seconds).
   *
   * @param lifetime at least one second
   * @throws IllegalArgumentException when shorter
   */
  public void tokenLifetime(Duration lifetime) {
    update(s -> s.withTokenLifetime(lifetime));
  }

  /**
   * Switches the pre-2021 answer shape on or off: {@code "token_type":"BearerToken"} and
   * {@code expires_in}/{@code issued_at} as JSON numbers.
   *
   * @param legacy true for the legacy shape
   */
  public void legacyResponses(boolean legacy) {
    update(s -> s.withLegacyResponses(legacy));
  }

  /**
   * Limits each API to this many requests per minute (sliding window, on the hub's clock).
   *
   * @param limit at least 1
   * @throws IllegalArgumentException when less
   */
  public void rateLimitPerMinute(int limit) {
    update(s -> s.withRateLimitPerMinute(Builder.positive("rateLimitPerMinute", limit)));
  }

  /** The live-mode limit: 600 requests per minute per API. */
  public void liveMode() {
    update(s -> s.withRateLimitPerMinute(Settings.LIVE_MODE_LIMIT));
  }

  /** The development-mode limit: 50 requests per minute per API. */
  public void developmentMode() {
    update(s -> s.withRateLimitPerMinute(Settings.DEVELOPMENT_MODE_LIMIT));
  }

  /** No rate limit at all. */
  public void noRateLimit() {
    update(s -> s.withRateLimitPerMinute(0));
  }

  /**
   * Whether a 429 carries a {@code Retry-After} header (seconds until a request would be allowed).
   *
   * @param send true to send it (the default)
   */
  public void retryAfterOnRateLimit(boolean send) {
    update(s -> s.withRetryAfterOnRateLimit(send));
  }

  /**
   * Makes the APIs under these path prefixes answer 403, as for an API outside the project's plan.
   * Replaces the previous list; no argument allows every API again.
   *
   * @param pathPrefixes e.g. {@code "/maps/raster/"}
   * @throws IllegalArgumentException for a prefix not starting with {@code /}
   */
  public void deniedApis(String... pathPrefixes) {
    update(s -> s.withDeniedApis(pathPrefixes));
  }

  /**
   * Whether a 401 for a bad bearer token carries {@code WWW-Authenticate: Bearer realm="null",error="invalid_token",...}.
   *
   * @param send true to send it (the default)
   */
  public void wwwAuthenticate(boolean send) {
    update(s -> s.withWwwAuthenticate(send));
  }

  /**
   * Answers every request to exactly this path with {@code 302 Location: target}, whatever the method.
   *
   * @param path a path on this hub, e.g. {@code /moved} or {@link #TOKEN_PATH}
   * @param target where to send the client
   * @throws IllegalArgumentException for a path not starting with {@code /} or a null target
   */
  public void redirect(String path, URI target) {
    update(s -> s.withRedirect(path, target));
  }

  /** Makes every token issued so far expired: the APIs answer them with the expired-token 401. */
  public void expireAllTokens() {
    tokens.expireAll(time.currentTimeMillis());
  }

  /**
   * Queues a fault for each of the next {@code count} token requests, after any already queued.
   *
   * @param count how many requests; at least 1
   * @param fault what they get
   * @throws IllegalArgumentException for a count below 1
   */
  public void failNextTokenRequests(int count, TokenFault fault) {
    Objects.requireNonNull(fault, "fault");
    if (count < 1) {
      throw new IllegalArgumentException("failNextTokenRequests count must be at least 1: " + count);
    }
    for (int i = 0; i < count; i++) {
      faults.add(fault);
    }
  }

  /**
   * How many queued faults no token request has used yet.
   *
   * @return the count
   */
  public int pendingTokenFaults() {
    return faults.size();
  }

  // ---- what happened ----

  /**
   * How many requests reached the token path (any method, faults and redirects included) since
   * start or {@link #reset()}.
   *
   * @return the count
   */
  public int tokenRequestCount() {
    return tokenLog.count();
  }

  /**
   * How many requests reached any other path (APIs, CORS preflights, unknown paths, redirects)
   * since start or {@link #reset()}.
   *
   * @return the count
   */
  public int apiRequestCount() {
    return apiLog.count();
  }

  /**
   * The token requests, oldest first (the latest {@link Builder#recordLimit(int)} of them).
   *
   * @return an immutable list
   */
  public List<RecordedRequest> tokenRequests() {
    return tokenLog.records();
  }

  /**
   * The other requests, oldest first (the latest {@link Builder#recordLimit(int)} of them), each
   * with the {@link RecordedRequest#status() status} it was answered with. CORS preflights are
   * here too, as {@code OPTIONS} requests.
   *
   * <pre>{@code
   * List<RecordedRequest> tiles = hub.apiRequests().stream()
   *     .filter(r -> r.method().equals("GET") && r.path().startsWith("/maps/raster/")).toList();
   * assertTrue(tiles.stream().noneMatch(r -> r.status() == 401));
   * }</pre>
   *
   * @return an immutable list
   */
  public List<RecordedRequest> apiRequests() {
    return apiLog.records();
  }

  /**
   * Back to a fresh start without a new port: counts and records cleared, queued faults dropped,
   * every token forgotten (so old ones are unknown), rate windows emptied, and the knobs set at run
   * time restored to what the builder said.
   */
  public void reset() {
    faults.clear();
    tokens.clear();
    rateLimiter.clear();
    tokenLog.clear();
    apiLog.clear();
    settings.set(built);
  }

  /** Stops the server at once, ending any delayed answer, and frees the port. Idempotent. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeOsDataHub[" + baseUri + "]";
  }

  // ---- for the endpoints ----

  /** Whether a presented key is this project's; compared in constant time, as a gateway would. */
  boolean acceptsKey(String candidate) {
    return sameText(candidate, key);
  }

  /** Whether a presented secret is this project's; compared in constant time. */
  boolean acceptsSecret(String candidate) {
    return sameText(candidate, secret);
  }

  private static boolean sameText(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  Settings settings() {
    return settings.get();
  }

  IssuedTokens tokens() {
    return tokens;
  }

  MinuteRateLimiter rateLimiter() {
    return rateLimiter;
  }

  TokenFault pollTokenFault() {
    return faults.poll();
  }

  RequestLog log(boolean tokenRequest) {
    return tokenRequest ? tokenLog : apiLog;
  }

  private void update(UnaryOperator<Settings> change) {
    settings.updateAndGet(change);
  }

  /**
   * Configures a {@link FakeOsDataHub}; every setting is optional and defaults to the real
   * service's behaviour. Reusable: each {@link #start()} starts an independent hub.
   *
   * <pre>{@code
   * FakeOsDataHub hub = FakeOsDataHub.builder()
   *     .credentials("key", "secret")
   *     .tokenLifetime(Duration.ofSeconds(60))
   *     .developmentMode()
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private String key = DEFAULT_KEY;
    private String secret = DEFAULT_SECRET;
    private TimeSource time = TimeSource.system();
    private Settings settings = Settings.defaults();
    private String bindAddress = "127.0.0.1";
    private int port;
    private int recordLimit = 10_000;

    private Builder() {}

    /**
     * The project credentials the hub accepts.
     *
     * @param key the API key (default {@value FakeOsDataHub#DEFAULT_KEY})
     * @param secret the API secret (default {@value FakeOsDataHub#DEFAULT_SECRET})
     * @return this builder
     * @throws IllegalArgumentException when {@code ProjectCredentials.of} would reject them
     */
    public Builder credentials(String key, String secret) {
      ProjectCredentials.of(key, secret); // the same rules as the SDK's, with its messages
      this.key = key;
      this.secret = secret;
      return this;
    }

    /**
     * How long issued tokens are valid; {@code expires_in} reports it in whole seconds.
     *
     * @param lifetime at least one second (default 299 s, as the real service reports)
     * @return this builder
     * @throws IllegalArgumentException when shorter
     */
    public Builder tokenLifetime(Duration lifetime) {
      settings = settings.withTokenLifetime(lifetime);
      return this;
    }

    /**
     * The clock for {@code issued_at}, token expiry and rate windows (its wall clock).
     *
     * @param time e.g. a {@code ManualTimeSource} shared with the client under test (default the system clock)
     * @return this builder
     */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "timeSource");
      return this;
    }

    /**
     * The pre-2021 answer shape: {@code "token_type":"BearerToken"} and numbers as JSON numbers.
     *
     * @param legacy true for the legacy shape (default false)
     * @return this builder
     */
    public Builder legacyResponses(boolean legacy) {
      settings = settings.withLegacyResponses(legacy);
      return this;
    }

    /**
     * Limits each API to this many requests per minute (sliding window on the hub's clock).
     *
     * @param limit at least 1 (default 600, live mode)
     * @return this builder
     * @throws IllegalArgumentException when less
     */
    public Builder rateLimitPerMinute(int limit) {
      settings = settings.withRateLimitPerMinute(positive("rateLimitPerMinute", limit));
      return this;
    }

    /**
     * The development-mode limit: 50 requests per minute per API.
     *
     * @return this builder
     */
    public Builder developmentMode() {
      settings = settings.withRateLimitPerMinute(Settings.DEVELOPMENT_MODE_LIMIT);
      return this;
    }

    /**
     * The live-mode limit: 600 requests per minute per API (the default).
     *
     * @return this builder
     */
    public Builder liveMode() {
      settings = settings.withRateLimitPerMinute(Settings.LIVE_MODE_LIMIT);
      return this;
    }

    /**
     * No rate limit at all.
     *
     * @return this builder
     */
    public Builder noRateLimit() {
      settings = settings.withRateLimitPerMinute(0);
      return this;
    }

    /**
     * Whether a 429 carries {@code Retry-After}.
     *
     * @param send true to send it (default true)
     * @return this builder
     */
    public Builder retryAfterOnRateLimit(boolean send) {
      settings = settings.withRetryAfterOnRateLimit(send);
      return this;
    }

    /**
     * APIs outside the project's plan: requests under these path prefixes get 403.
     *
     * @param pathPrefixes e.g. {@code "/maps/raster/"} (default none)
     * @return this builder
     * @throws IllegalArgumentException for a prefix not starting with {@code /}
     */
    public Builder deniedApis(String... pathPrefixes) {
      settings = settings.withDeniedApis(pathPrefixes);
      return this;
    }

    /**
     * Whether a 401 for a bad bearer token carries a {@code WWW-Authenticate: Bearer ...} header.
     *
     * @param send true to send it (default true)
     * @return this builder
     */
    public Builder wwwAuthenticate(boolean send) {
      settings = settings.withWwwAuthenticate(send);
      return this;
    }

    /**
     * Answers requests to exactly this path with {@code 302 Location: target}.
     *
     * @param path a path starting with {@code /}
     * @param target where to send the client
     * @return this builder
     * @throws IllegalArgumentException for a bad path or a null target
     */
    public Builder redirect(String path, URI target) {
      settings = settings.withRedirect(path, target);
      return this;
    }

    /**
     * The address to listen on.
     *
     * @param address a host name or IP literal (default {@code 127.0.0.1}; {@code ::1} for IPv6)
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder bindAddress(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bindAddress must not be blank");
      }
      this.bindAddress = address.strip();
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param port 0 for any free port (the default), or 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How many of the latest token requests, and of the latest API requests, are kept for
     * {@link FakeOsDataHub#tokenRequests()} and {@link FakeOsDataHub#apiRequests()}; counts stay exact.
     *
     * @param limit at least 1 (default 10 000)
     * @return this builder
     * @throws IllegalArgumentException when less
     */
    public Builder recordLimit(int limit) {
      this.recordLimit = positive("recordLimit", limit);
      return this;
    }

    /**
     * Binds the port and starts serving.
     *
     * @return the running hub; close it when done
     * @throws UncheckedIOException when the address cannot be bound
     */
    public FakeOsDataHub start() {
      try {
        return new FakeOsDataHub(this);
      } catch (IOException e) {
        throw new UncheckedIOException("FakeOsDataHub could not listen on " + bindAddress + ":" + port, e);
      }
    }

    static int positive(String setting, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(setting + " must be at least 1: " + value);
      }
      return value;
    }
  }
}
