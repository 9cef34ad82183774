package io.github.osdatahub.oauth2.springboot;

import io.github.osdatahub.oauth2.CredentialEncoding;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code os.datahub.*} properties. Only {@code key} and {@code secret} are needed (or the
 * {@code OS_PROJECT_API_KEY} and {@code OS_PROJECT_API_SECRET} environment variables); the rest have
 * the SDK's defaults.
 *
 * <pre>
 * os.datahub.key=...
 * os.datahub.secret=...
 * </pre>
 */
@ConfigurationProperties("os.datahub")
public class OsDataHubProperties {
  /** Project API key. Falls back to the OS_PROJECT_API_KEY environment variable. */
  private String key;

  /** Project API secret. Falls back to the OS_PROJECT_API_SECRET environment variable. Never logged. */
  private String secret;

  /** Token endpoint. */
  private URI tokenUrl = URI.create("https://api.os.uk/oauth2/token/v1");

  /** Hosts, besides api.os.uk, that may receive the token ("host" or "host:port"). */
  private List<String> scope = new ArrayList<>();

  /** Longest a caller waits for a token when none is cached. */
  private Duration maxWait = Duration.ofSeconds(20);

  /** How the key and secret are put in the Basic header: RFC6749 (form-encoded first, the default) or RAW. */
  private CredentialEncoding credentialEncoding = CredentialEncoding.RFC6749;

  /** The token relay for browser pages. */
  private final Relay relay = new Relay();

  /** Creates the properties with their defaults; Spring binds them. */
  public OsDataHubProperties() {}

  /** {@return the project API key, or null} */
  public String getKey() {
    return key;
  }

  /** @param key the project API key */
  public void setKey(String key) {
    this.key = key;
  }

  /** {@return the project API secret, or null} */
  public String getSecret() {
    return secret;
  }

  /** @param secret the project API secret */
  public void setSecret(String secret) {
    this.secret = secret;
  }

  /** {@return the token endpoint} */
  public URI getTokenUrl() {
    return tokenUrl;
  }

  /** @param tokenUrl the token endpoint */
  public void setTokenUrl(URI tokenUrl) {
    this.tokenUrl = tokenUrl;
  }

  /** {@return the hosts besides api.os.uk that may receive the token} */
  public List<String> getScope() {
    return scope;
  }

  /** @param scope hosts besides api.os.uk that may receive the token */
  public void setScope(List<String> scope) {
    this.scope = scope;
  }

  /** {@return the longest a caller waits for a token} */
  public Duration getMaxWait() {
    return maxWait;
  }

  /** @param maxWait the longest a caller waits for a token */
  public void setMaxWait(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** {@return how the credentials are encoded in the Basic header} */
  public CredentialEncoding getCredentialEncoding() {
    return credentialEncoding;
  }

  /** @param credentialEncoding how the credentials are encoded in the Basic header */
  public void setCredentialEncoding(CredentialEncoding credentialEncoding) {
    this.credentialEncoding = credentialEncoding;
  }

  /** {@return the token relay's settings} */
  public Relay getRelay() {
    return relay;
  }

  /** {@code os.datahub.relay.*}: the endpoint that hands browser pages short-lived tokens. */
  public static class Relay {
    /** Whether to serve the token relay (and the page's os-oauth2.js) to browser pages. */
    private boolean enabled;

    /** Path of the token relay. */
    private String path = "/os-token";

    /** Origins, besides the page's own, whose pages may ask the relay for tokens (CORS). */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Creates the settings with their defaults; Spring binds them. */
    public Relay() {}

    /** {@return whether the relay is served} */
    public boolean isEnabled() {
      return enabled;
    }

    /** @param enabled whether the relay is served */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** {@return the relay's path} */
    public String getPath() {
      return path;
    }

    /** @param path the relay's path */
    public void setPath(String path) {
      this.path = path;
    }

    /** {@return the other origins whose pages may ask} */
    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    /** @param allowedOrigins other origins whose pages may ask */
    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }
  }

  @Override
  public String toString() {
    return "OsDataHubProperties[tokenUrl=" + tokenUrl + ", scope=" + scope + ", secret "
        + (secret == null ? "unset" : "set") + "]";
  }
}
