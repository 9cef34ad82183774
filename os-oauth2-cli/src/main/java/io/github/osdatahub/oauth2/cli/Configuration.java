package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.ProjectCredentials;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.TokenRequest;
import io.github.osdatahub.oauth2.TokenProvider;
import io.github.osdatahub.oauth2.TokenScope;
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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the commands that need a token get their settings: the key from {@code --key} or
 * {@value #KEY_VARIABLE}, the secret from {@code --secret-file} or {@value #SECRET_VARIABLE} (never
 * from an argument), the token endpoint from {@value #TOKEN_URL_VARIABLE}, the credential encoding
 * from {@code --credential-encoding} or {@value #CREDENTIAL_ENCODING_VARIABLE}. Everything is checked
 * here, so a bad setting ends the command with exit 2 before any request is made.
 */
final class Configuration {
  static final String KEY_VARIABLE = ProjectCredentials.KEY_VARIABLE;
  static final String SECRET_VARIABLE = ProjectCredentials.SECRET_VARIABLE;
  static final String TOKEN_URL_VARIABLE = "OS_OAUTH2_TOKEN_URL";
  static final String CREDENTIAL_ENCODING_VARIABLE = "OS_OAUTH2_CREDENTIAL_ENCODING";
  static final URI DEFAULT_TOKEN_URL = TokenRequest.DEFAULT_ENDPOINT;

  static final Option KEY = Option.valued("--key", null, "KEY", "the project API key (default $" + KEY_VARIABLE + ")");
  static final Option SECRET_FILE = Option.valued("--secret-file", null, "FILE",
      "read the project API secret from FILE (first line; default $" + SECRET_VARIABLE + ")");
  static final Option CREDENTIAL_ENCODING = Option.valued("--credential-encoding", null, "MODE",
      "rfc6749 or raw (default $" + CREDENTIAL_ENCODING_VARIABLE + ", else rfc6749)");
  /** The options of every command that reads this configuration. */
  static final List<Option> OPTIONS = List.of(KEY, SECRET_FILE, CREDENTIAL_ENCODING);

  private static final Set<PosixFilePermission> READABLE_BY_OTHERS =
      Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

  private final ProjectCredentials credentials;
  private final CredentialEncoding encoding;
  private final URI tokenEndpoint;
  private final TokenScope apiScope;

  private Configuration(ProjectCredentials credentials, CredentialEncoding encoding, URI tokenEndpoint,
      TokenScope apiScope) {
    this.credentials = credentials;
    this.encoding = encoding;
    this.tokenEndpoint = tokenEndpoint;
    this.apiScope = apiScope;
  }

  /**
   * Reads and checks the configuration.
   *
   * @throws CommandFailedException (usage) naming what is missing or wrong, never quoting the secret
   */
  static Configuration read(Arguments arguments, Context context) {
    Map<String, String> env = context.env();
    // No lambdas here: this is on the way to every token (README, "Start-up").
    Optional<String> keyOption = arguments.value(KEY);
    String key = keyOption.isPresent() ? keyOption.get() : nonBlank(env.get(KEY_VARIABLE));
    if (key == null || key.isBlank()) {
      throw CommandFailedException.usage("no API key: set " + KEY_VARIABLE + " or use --key KEY");
    }
    Optional<String> secretFile = arguments.value(SECRET_FILE);
    String secret = secretFile.isPresent() ? readSecretFile(secretFile.get(), context)
        : nonBlank(env.get(SECRET_VARIABLE));
    if (secret == null) {
      throw CommandFailedException.usage("no API secret: set " + SECRET_VARIABLE + " or use --secret-file FILE");
    }
    ProjectCredentials credentials;
    try {
      credentials = ProjectCredentials.of(key.strip(), secret.strip());
    } catch (IllegalArgumentException e) {
      throw CommandFailedException.usage(e.getMessage()); // names the value, never quotes it
    }
    CredentialEncoding encoding = credentialEncoding(arguments, env, credentials);
    URI endpoint = tokenEndpoint(credentials, nonBlank(env.get(TOKEN_URL_VARIABLE)));
    return new Configuration(credentials, encoding, endpoint, apiScope(endpoint));
  }

  private static String readSecretFile(String file, Context context) {
    try {
      Path path = Path.of(file);
      String secret = firstLine(path, file);
      warnIfReadableByOthers(path, file, context);
      return secret;
    } catch (IOException | InvalidPathException e) {
      throw CommandFailedException.usage("cannot read the secret file " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static String firstLine(Path path, String file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || line.isBlank()) {
        throw CommandFailedException.usage("the secret file " + file + " has no secret on its first line");
      }
      return line.strip();
    }
  }

  /** As ssh does for a private key, but only a warning: the secret was read all the same. */
  private static void warnIfReadableByOthers(Path path, String file, Context context) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(path);
    } catch (IOException | UnsupportedOperationException e) {
      return; // not a POSIX file system: nothing to judge by
    }
    if (permissions.stream().anyMatch(READABLE_BY_OTHERS::contains)) {
      context.warning("the secret file " + file + " can be read by group or others ("
          + PosixFilePermissions.toString(permissions) + "); make it private: chmod 600 " + file);
    }
  }

  /** From the option, else the variable, else RFC 6749's; checked against the key by core's rule. */
  private static CredentialEncoding credentialEncoding(Arguments arguments, Map<String, String> env,
      ProjectCredentials credentials) {
    Optional<String> option = arguments.value(CREDENTIAL_ENCODING);
    String source = option.isPresent() ? CREDENTIAL_ENCODING.name() : CREDENTIAL_ENCODING_VARIABLE;
    String value = option.isPresent() ? option.get() : nonBlank(env.get(CREDENTIAL_ENCODING_VARIABLE));
    if (value == null) {
      return CredentialEncoding.RFC6749;
    }
    CredentialEncoding encoding;
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "rfc6749":
        encoding = CredentialEncoding.RFC6749;
        break;
      case "raw":
        encoding = CredentialEncoding.RAW;
        break;
      default:
        throw CommandFailedException.usage(source + " must be rfc6749 or raw");
    }
    try {
      OsOAuth2.builder(credentials).credentialEncoding(encoding);
    } catch (IllegalArgumentException e) {
      throw CommandFailedException.usage(e.getMessage() + " (" + source + ")"); // never quotes the key
    }
    return encoding;
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
      OsOAuth2.builder(credentials).endpoint(uri);
    } catch (IllegalArgumentException e) {
      throw CommandFailedException.usage(TOKEN_URL_VARIABLE + ": " + e.getMessage());
    }
    return uri;
  }

  /**
   * Tokens go to api.os.uk and, when the endpoint is overridden, to the origin that issues them:
   * its host alone when that already permits the endpoint's port (443, or any port of a loopback
   * host), else {@code host:port}, since a scope entry without a port permits only 443.
   */
  static TokenScope apiScope(URI endpoint) {
    String host = endpoint.getHost().toLowerCase(Locale.ROOT);
    boolean hostAlone = TokenScope.of(host).permits(endpoint.getScheme(), host, endpoint.getPort(), "/");
    return TokenScope.defaults().and(hostAlone ? host : host + ":" + endpoint.getPort());
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

  /** The JSON codec every command uses; see {@link TokenProviders}. */
  static JsonCodec jsonCodec() {
    return TokenProviders.jsonCodec();
  }

  /** A provider for these settings; close it when done. */
  CachingTokenProvider tokenProvider() {
    return tokenProvider(credentials, tokenEndpoint, encoding);
  }

  /**
   * The one way every command builds a provider: core's {@code HttpUrlConnectionTransport} and
   * Gson, given explicitly rather than discovered (see {@link TokenProviders}). Close it when done.
   */
  static CachingTokenProvider tokenProvider(ProjectCredentials credentials, URI endpoint,
      CredentialEncoding encoding) {
    return TokenProviders.tokenProvider(credentials, endpoint, encoding);
  }

  /**
   * The one way every command calls an API: an {@code OsDataHubHttpClient} that puts the
   * provider's token on requests the scope permits and renews it and retries once on 401. It
   * follows redirects (as to a download) itself, hop by hop, so the token never leaves the scope.
   */
  static HttpClient apiClient(TokenProvider provider, TokenScope scope) {
    return ApiClient.create(provider, scope);
  }
}
