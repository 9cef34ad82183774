package io.github.osdatahub.oauth2.testkit;

import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenScope;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs one {@link FakeOsDataHub} per test class: started before the class's tests, {@link
 * FakeOsDataHub#reset() reset} before each test, closed after the class. Nested classes share their
 * outer class's hub.
 *
 * <p>Register it on a static field to configure it and reach the hub:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeOsDataHubExtension hub = FakeOsDataHubExtension.create(b -> b.developmentMode());
 *
 * @Test
 * void fetchesOneToken() {
 *   TokenProvider tokens = OsOAuth2.builder(hub.credentials()).endpoint(hub.tokenUri()).build();
 *   tokens.token();
 *   assertEquals(1, hub.tokenRequestCount());
 * }
 * }</pre>
 *
 * <p>or declare it and take the hub as a test, lifecycle-method or constructor parameter:
 *
 * <pre>{@code
 * @ExtendWith(FakeOsDataHubExtension.class)
 * class MyTest {
 *   @Test
 *   void works(FakeOsDataHub hub) { ... }
 * }
 * }</pre>
 */
public final class FakeOsDataHubExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
  private final FakeOsDataHub.Builder builder;
  private FakeOsDataHub hub;
  /** The unique id of the class whose {@code beforeAll} started the hub, which alone closes it. */
  private String owner;

  /**
   * A hub with every default; for {@code @ExtendWith(FakeOsDataHubExtension.class)}. In code use
   * {@link #create()}.
   */
  public FakeOsDataHubExtension() {
    this(FakeOsDataHub.builder());
  }

  private FakeOsDataHubExtension(FakeOsDataHub.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /**
   * An extension whose hub has every default.
   *
   * @return the extension; register it on a static field
   */
  public static FakeOsDataHubExtension create() {
    return new FakeOsDataHubExtension(FakeOsDataHub.builder());
  }

  /**
   * An extension whose hub is configured by the given code, e.g.
   * {@code create(b -> b.tokenLifetime(Duration.ofSeconds(60)))}.
   *
   * @param configuration changes to a default builder
   * @return the extension; register it on a static field
   */
  public static FakeOsDataHubExtension create(Consumer<FakeOsDataHub.Builder> configuration) {
    FakeOsDataHub.Builder builder = FakeOsDataHub.builder();
    configuration.accept(builder);
    return new FakeOsDataHubExtension(builder);
  }

  /**
   * An extension whose hub is started from this builder.
   *
   * @param builder a configured builder
   * @return the extension; register it on a static field
   */
  public static FakeOsDataHubExtension with(FakeOsDataHub.Builder builder) {
    return new FakeOsDataHubExtension(builder);
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (hub == null) {
      hub = builder.start();
      owner = context.getUniqueId();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (hub != null && context.getUniqueId().equals(owner)) {
      hub.close();
      hub = null;
      owner = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    get().reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == FakeOsDataHub.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return get();
  }

  /**
   * The running hub.
   *
   * @return the hub of the current test class
   * @throws ExtensionConfigurationException outside a test class's lifetime, e.g. when the field is not static
   */
  public synchronized FakeOsDataHub get() {
    if (hub == null) {
      throw new ExtensionConfigurationException("FakeOsDataHub is not running: register FakeOsDataHubExtension on a"
          + " static field (or with @ExtendWith) so it starts before the class's tests");
    }
    return hub;
  }

  /**
   * See {@link FakeOsDataHub#baseUri()}.
   *
   * @return the server's root
   */
  public URI baseUri() {
    return get().baseUri();
  }

  /**
   * See {@link FakeOsDataHub#tokenUri()}.
   *
   * @return the token endpoint
   */
  public URI tokenUri() {
    return get().tokenUri();
  }

  /**
   * See {@link FakeOsDataHub#host()}.
   *
   * @return the host the URIs name
   */
  public String host() {
    return get().host();
  }

  /**
   * See {@link FakeOsDataHub#credentials()}.
   *
   * @return the credentials the hub accepts
   */
  public ProjectCredentials credentials() {
    return get().credentials();
  }

  /**
   * See {@link FakeOsDataHub#key()}.
   *
   * @return the project API key
   */
  public String key() {
    return get().key();
  }

  /**
   * See {@link FakeOsDataHub#secret()}.
   *
   * @return the project API secret
   */
  public String secret() {
    return get().secret();
  }

  /**
   * See {@link FakeOsDataHub#tokenScope()}.
   *
   * @return a scope that allows this hub's APIs
   */
  public TokenScope tokenScope() {
    return get().tokenScope();
  }

  /**
   * See {@link FakeOsDataHub#namesUri(String)}.
   *
   * @param query the place to find
   * @return the Names API search URI
   */
  public URI namesUri(String query) {
    return get().namesUri(query);
  }

  /**
   * See {@link FakeOsDataHub#rasterTileUri(String, int, int, int)}.
   *
   * @param layer e.g. {@code Road_3857}
   * @param z zoom
   * @param x column
   * @param y row
   * @return the tile URI
   */
  public URI rasterTileUri(String layer, int z, int x, int y) {
    return get().rasterTileUri(layer, z, x, y);
  }

  /**
   * See {@link FakeOsDataHub#tokenRequestCount()}.
   *
   * @return token requests since the test started
   */
  public int tokenRequestCount() {
    return get().tokenRequestCount();
  }

  /**
   * See {@link FakeOsDataHub#apiRequestCount()}.
   *
   * @return other requests since the test started
   */
  public int apiRequestCount() {
    return get().apiRequestCount();
  }

  /**
   * See {@link FakeOsDataHub#tokenRequests()}.
   *
   * @return the recorded token requests
   */
  public List<RecordedRequest> tokenRequests() {
    return get().tokenRequests();
  }

  /**
   * See {@link FakeOsDataHub#apiRequests()}.
   *
   * @return the recorded other requests
   */
  public List<RecordedRequest> apiRequests() {
    return get().apiRequests();
  }

  /** See {@link FakeOsDataHub#expireAllTokens()}. */
  public void expireAllTokens() {
    get().expireAllTokens();
  }

  /**
   * See {@link FakeOsDataHub#failNextTokenRequests(int, TokenFault)}.
   *
   * @param count how many requests
   * @param fault what they get
   */
  public void failNextTokenRequests(int count, TokenFault fault) {
    get().failNextTokenRequests(count, fault);
  }

  /**
   * See {@link FakeOsDataHub#redirect(String, URI)}.
   *
   * @param path a path on the hub
   * @param target where to send the client
   */
  public void redirect(String path, URI target) {
    get().redirect(path, target);
  }

  @Override
  public String toString() {
    FakeOsDataHub running;
    synchronized (this) {
      running = hub;
    }
    return "FakeOsDataHubExtension[" + (running == null ? "not running" : running.baseUri()) + "]";
  }
}
