package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CachingTokenProvider;
import io.github.osdatahub.oauth2.CredentialEncoding;
import io.github.osdatahub.oauth2.AccessToken;
import java.util.ArrayList;
import java.util.List;

/** {@code os-oauth2 token}: fetches a token and prints it, its JSON or its header. */
final class TokenCommand implements Command {
  static final Option JSON = Option.flag("--json", null,
      "print the token response as JSON, numbers as numbers");
  static final Option HEADER = Option.flag("--header", null, "print 'Authorization: Bearer TOKEN'");

  @Override
  public String name() {
    return "token";
  }

  @Override
  public String summary() {
    return "fetch an access token and print it";
  }

  @Override
  public String usage() {
    return "token [--json | --header] [--key KEY] [--secret-file FILE] [--credential-encoding MODE]";
  }

  @Override
  public String description() {
    return "Fetches a new access token from the token endpoint (retrying server errors, rate limits\n"
        + "and network failures as the SDK does) and prints the token alone on standard output:\n"
        + "  curl -H \"Authorization: Bearer $(os-oauth2 token)\" https://api.os.uk/...\n"
        + "With --json: {\"access_token\":\"...\",\"expires_in\":299,\"issued_at\":...,\"token_type\":\"Bearer\"}.";
  }

  @Override
  public List<Option> options() {
    List<Option> options = new ArrayList<>(List.of(JSON, HEADER));
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
        ExitCode.OUTPUT_FAILED);
  }

  @Override
  public ExitCode run(Arguments arguments, Context context) {
    if (arguments.has(JSON) && arguments.has(HEADER)) {
      throw CommandFailedException.usage("--json and --header cannot be used together");
    }
    if (!arguments.operands().isEmpty()) {
      throw CommandFailedException.usage("token takes no arguments (see 'os-oauth2 token --help')");
    }
    Configuration configuration = Configuration.read(arguments, context);
    AccessToken token;
    try (CachingTokenProvider provider = configuration.tokenProvider()) {
      token = provider.token();
    }
    if (arguments.has(JSON)) {
      context.out().println(json(token));
    } else if (arguments.has(HEADER)) {
      context.out().println("Authorization: " + token.authorizationHeader());
    } else {
      context.out().println(token.value());
    }
    return ExitCode.OK;
  }

  /**
   * The response with its numbers as JSON numbers, whatever the server sent (the real one sends
   * strings); {@code token_type} is {@code Bearer}, the word APIs expect, even when the server said
   * {@code BearerToken}.
   */
  static String json(AccessToken token) {
    StringBuilder b = new StringBuilder("{\"access_token\":").append(quoted(token.value()))
        .append(",\"expires_in\":").append(token.lifetime().getSeconds());
    token.issuedAt().ifPresent(at -> b.append(",\"issued_at\":").append(at.toEpochMilli()));
    return b.append(",\"token_type\":\"Bearer\"}").toString();
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
