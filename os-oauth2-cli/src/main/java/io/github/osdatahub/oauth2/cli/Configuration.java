package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.TokenClient;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
import io.github.osdatahub.oauth2.gson.GsonJsonCodec;
import io.github.osdatahub.oauth2.jdk.JdkHttpTransport;
import io.github.osdatahub.oauth2.jdk.OsDataHubHttpClient;
import io.github.osdatahub.oauth2.spi.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the commands that need a token get their settings: the key from {@code --key} or
 * {@value #KEY_VARIABLE}, the secret from {@code --secret-file} or {@value #SECRET_VARIABLE} (never
 * from an argument), the token endpoint from {@value #TOKEN_URL_VARIABLE}. Everything is checked
 * here, so a bad setting ends the command with exit 2 before any request is made.
 */
final class Configuration {
  static final String KEY_VARIABLE = ProjectCredentials.KEY_VARIABLE;
  static final String SECRET_VARIABLE = ProjectCredentials.SECRET_VARIABLE;
  static final String TOKEN_URL_VARIABLE = "OS_OAUTH2_TOKEN_URL";
  static final URI DEFAULT_TOKEN_URL = TokenRequest.DEFAULT_ENDPOINT;

  static final Option KEY = Option.valued("--key", null, "KEY", "the project API key (default $" + KEY_VARIABLE + ")");
  static final Option SECRET_FILE = Option.valued("--secret-file", null, "FILE",
      "read the project API secret from FILE (first line; default $" + SECRET_VARIABLE + ")");
  /** The options of every command that reads this configuration. */
  static final List<Option> OPTIONS = List.of(KEY, SECRET_FILE);

  private final ProjectCredentials credentials;
  private final URI tokenEndpoint;
  private final TokenScope apiScope;

  private Configuration(ProjectCredentials credentials, URI tokenEndpoint, TokenScope apiScope) {
    this.credentials = credentials;
    this.tokenEndpoint = tokenEndpoint;
    this.apiScope = apiScope;
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws CommandFailedException (usage) naming what is missing or wrong, never quoting the secret
   */
  static Configuration read(Arguments arguments, Map<String, String> env) {
    String key = arguments.value(KEY).orElseGet(() -> nonBlank(env.get(KEY_VARIABLE)));
    if (key == null || key.isBlank()) {
      throw CommandFailedException.usage("no API key: set " + KEY_VARIABLE + " or use --key KEY");
    }
    String secret = arguments.value(SECRET_FILE).map(Configuration::readSecretFile)
        .orElseGet(() -> nonBlank(env.get(SECRET_VARIABLE)));
    if (secret == null) {
      throw CommandFailedException.usage("no API secret: set " + SECRET_VARIABLE + " or use --secret-file FILE");
    }
    ProjectCredentials credentials;
    try {
      credentials = ProjectCredentials.of(key.strip(), secret.strip());
    } catch (IllegalArgumentException e) {
      throw CommandFailedException.usage(e.getMessage()); // names the value, never quotes it
    }
    URI endpoint = tokenEndpoint(credentials, nonBlank(env.get(TOKEN_URL_VARIABLE)));
    return new Configuration(credentials, endpoint, apiScope(endpoint));
  }

  private static String readSecretFile(String file) {
    try (BufferedReader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || line.isBlank()) {
        throw CommandFailedException.usage("the secret file " + file + " has no secret on its first line");
      }
      return line.strip();
    } catch (IOException | InvalidPathException e) {
      throw CommandFailedException.usage("cannot read the secret file " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** The endpoint, checked by core's own rule (https, or http only to loopback). */
  private static URI tokenEndpoint(ProjectCredentials credentials, String value) {
    if (value == null) {
      return DEFAULT_TOKEN_URL;
    }
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw CommandFailedException.usage(TOKEN_URL_VARIABLE + " is not a valid URL");
    }
    try {
      TokenClient.builder(credentials).endpoint(uri);
    } catch (IllegalArgumentException e) {
      throw CommandFailedException.usage(TOKEN_URL_VARIABLE + ": " + e.getMessage());
    }
    return uri;
  }

  /** Tokens go to api.os.uk and, when the endpoint is overridden, to the host that issues them. */
  private static TokenScope apiScope(URI endpoint) {
    TokenScope scope = TokenScope.defaults();
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    return scope.hosts().contains(host) ? scope : scope.and(host);
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  ProjectCredentials credentials() {
    return credentials;
  }

  URI tokenEndpoint() {
    return tokenEndpoint;
  }

  /** Where the token may be sent. */
  TokenScope apiScope() {
    return apiScope;
  }

  /** The JSON codec every command uses: Gson, chosen explicitly rather than discovered. */
  static JsonCodec jsonCodec() {
    return GsonJsonCodec.create();
  }

  /** A token client over the JDK transport and Gson, both given explicitly. */
  TokenClient tokenClient() {
    return tokenClient(credentials, tokenEndpoint);
  }

  /** The one way every command builds a token client: the JDK transport and Gson, given explicitly. */
  static TokenClient tokenClient(ProjectCredentials credentials, URI endpoint) {
    return TokenClient.builder(credentials)
        .endpoint(endpoint)
        .transport(JdkHttpTransport.create())
        .jsonCodec(jsonCodec())
        .build();
  }

  /**
   * The one way every command calls an API: an {@code OsDataHubHttpClient} that puts the
   * provider's token on requests the scope permits and renews it and retries once on 401. It
   * follows redirects (as to a download) itself, hop by hop, so the token never leaves the scope.
   */
  static HttpClient apiClient(TokenProvider provider, TokenScope scope) {
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    return OsDataHubHttpClient.create(provider, client, scope);
  }

  /** A caching provider over {@link #tokenClient()}; close it when done. */
  CachingTokenProvider tokenProvider() {
    return CachingTokenProvider.builder(tokenClient()).build();
  }
}
