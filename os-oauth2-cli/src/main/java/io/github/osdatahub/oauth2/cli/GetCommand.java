package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.GatewayError;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import io.github.osdatahub.oauth2.TokenScope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.OutputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code os-oauth2 get URL}: GETs an OS API URL with a token through {@code OsDataHubHttpClient},
 * which renews the token and retries once when the API answers 401.
 */
final class GetCommand implements Command {
  static final Option OUTPUT = Option.valued("--output", "-o", "FILE", "write the body to FILE, not standard output");
  /** The most of an error body read, to find the gateway's error code in it. */
  static final int MAX_ERROR_BODY = 64 * 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Function<Configuration, CachingTokenProvider> providers;

  GetCommand() {
    this(Configuration::tokenProvider);
  }

  /** With another way to make the token provider from the configuration; for tests. */
  GetCommand(Function<Configuration, CachingTokenProvider> providers) {
    this.providers = Objects.requireNonNull(providers);
  }

  @Override
  public String name() {
    return "get";
  }

  @Override
  public String summary() {
    return "GET an OS API URL with a token; the body to stdout or a file";
  }

  @Override
  public String usage() {
    return "get URL [-o FILE] [--key KEY] [--secret-file FILE] [--credential-encoding MODE]";
  }

  @Override
  public String description() {
    return "GETs URL with 'Authorization: Bearer <token>'; when the API answers 401 (token expired or\n"
        + "revoked), gets a new token and retries once. Writes the body of a 2xx answer to standard output\n"
        + "or FILE (replaced only once the whole body has arrived, keeping its permissions); for any other\n"
        + "status, prints the status and the gateway's error code and message on standard error. The token\n"
        + "goes only to https://api.os.uk (and, when " + Configuration.TOKEN_URL_VARIABLE + " is set, to its host\n"
        + "and port), never elsewhere:\n"
        + "  os-oauth2 get 'https://api.os.uk/search/names/v1/find?query=Southampton'";
  }

  @Override
  public List<Option> options() {
    List<Option> options = new ArrayList<>(List.of(OUTPUT));
    options.addAll(Configuration.OPTIONS);
    return options;
  }

  @Override
  public boolean readsCredentials() {
    return true;
  }

  @Override
  public List<ExitCode> exitCodes() {
    return List.of(ExitCode.OK, ExitCode.USAGE, ExitCode.CREDENTIALS_REJECTED, ExitCode.TOKEN_UNAVAILABLE,
        ExitCode.REQUEST_FAILED, ExitCode.OUTPUT_FAILED);
  }

  @Override
  public ExitCode run(Arguments arguments, Context context) {
    if (arguments.operands().size() != 1) {
      throw CommandFailedException.usage("get needs exactly one URL (see 'os-oauth2 get --help')");
    }
    URI url = url(arguments.operands().get(0));
    Path output = arguments.value(OUTPUT).map(GetCommand::path).orElse(null);
    Configuration configuration = Configuration.read(arguments, context);
    TokenScope scope = configuration.apiScope();
    if (!scope.permits(url)) {
      throw CommandFailedException.usage("will not send the token to " + display(url) + ": only to "
          + String.join(", ", new TreeSet<>(scope.hosts())) + " over https (plain http only to loopback), and never to the "
          + "token endpoint");
    }
    try (CachingTokenProvider provider = providers.apply(configuration)) {
      HttpClient client = Configuration.apiClient(provider, scope);
      HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
      HttpResponse<InputStream> response = send(client, request);
      try (InputStream body = response.body()) {
        if (response.statusCode() / 100 == 2) {
          write(body, url, output, context);
          return ExitCode.OK;
        }
        String details = GatewayError.parse(body.readNBytes(MAX_ERROR_BODY), Configuration.jsonCodec())
            .map(e -> " (" + e.describe() + ")").orElse("");
        throw new CommandFailedException(ExitCode.REQUEST_FAILED,
            "GET " + display(url) + " answered HTTP " + response.statusCode() + details);
      } catch (IOException e) {
        throw failed(url, e);
      }
    }
  }

  private static HttpResponse<InputStream> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      if (e.getCause() instanceof OsOAuth2Exception tokenFailure) {
        throw tokenFailure; // no token: exit 3 or 4, not a failed API request
      }
      throw failed(request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(ExitCode.REQUEST_FAILED, "GET " + display(request.uri()) + " was interrupted");
    }
  }

  /**
   * Copies the body to standard output or the file. A failure to read the body is the request's
   * (exit 5); a failure to write is the output's (exit 6). The file is replaced only when the whole
   * body has arrived.
   */
  private static void write(InputStream body, URI url, Path output, Context context) {
    if (output == null) {
      try {
        copy(body, url, context.out());
      } catch (IOException e) {
        throw new CommandFailedException(ExitCode.OUTPUT_FAILED, Main.OUTPUT_LOST, e);
      }
      if (context.out().checkError()) { // a PrintStream reports write errors only here
        throw new CommandFailedException(ExitCode.OUTPUT_FAILED, Main.OUTPUT_LOST);
      }
      return;
    }
    try {
      OutputFile.replace(output, out -> copy(body, url, out));
    } catch (IOException e) {
      throw new CommandFailedException(ExitCode.OUTPUT_FAILED, "could not write " + output + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** Copies until the body ends; a read failure ends the command, a write failure is thrown. */
  private static void copy(InputStream body, URI url, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      int n;
      try {
        n = body.read(buffer);
      } catch (IOException e) {
        throw failed(url, e);
      }
      if (n < 0) {
        out.flush();
        return;
      }
      out.write(buffer, 0, n);
    }
  }

  private static CommandFailedException failed(URI url, IOException e) {
    return new CommandFailedException(ExitCode.REQUEST_FAILED, "GET " + display(url) + " failed: "
        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
  }

  private static URI url(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
        throw CommandFailedException.usage("get needs an absolute http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CommandFailedException.usage("not a valid URL: " + e.getReason());
    }
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw CommandFailedException.usage("not a valid file name for -o: " + e.getReason());
    }
  }

  /** The URL without user info or query, either of which may carry a key. */
  static String display(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
