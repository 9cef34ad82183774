package io.github.osdatahub.oauth2.cli;

import java.util.ArrayList;
import java.util.List;

/** The help texts, made from the commands' own descriptions and options. */
final class HelpText {
  private HelpText() {}

  static String forProgram(List<Command> commands) {
    StringBuilder b = new StringBuilder()
        .append("os-oauth2: OS Data Hub OAuth 2 access tokens from the command line.\n\n")
        .append("Usage: os-oauth2 <command> [options]\n")
        .append("       os-oauth2 --help | --version\n\n")
        .append("Commands:\n");
    for (Command c : commands) {
      b.append(String.format("  %-12s %s%n", c.name(), c.summary()));
    }
    b.append('\n');
    appendConfiguration(b);
    appendExitCodes(b, List.of(ExitCode.values()));
    return b.append("Run 'os-oauth2 <command> --help' for a command's options.\n").toString();
  }

  static String forCommand(Command command) {
    StringBuilder b = new StringBuilder()
        .append("Usage: os-oauth2 ").append(command.usage()).append("\n\n")
        .append(command.description()).append("\n\nOptions:\n");
    List<Option> options = new ArrayList<>(command.options());
    options.add(Option.HELP);
    for (Option o : options) {
      b.append(String.format("  %-32s %s%n", o.synopsis(), o.description()));
    }
    b.append('\n');
    if (command.readsCredentials()) {
      appendConfiguration(b);
    }
    appendExitCodes(b, command.exitCodes());
    return b.toString();
  }

  private static void appendConfiguration(StringBuilder b) {
    b.append("Configuration (token, get, relay):\n")
        .append(String.format("  %-24s %s%n", Configuration.KEY_VARIABLE, "the project API key (or --key KEY)"))
        .append(String.format("  %-24s %s%n", Configuration.SECRET_VARIABLE,
            "the project API secret (or --secret-file FILE; never an argument)"))
        .append(String.format("  %-24s %s%n", Configuration.TOKEN_URL_VARIABLE,
            "token endpoint, default " + Configuration.DEFAULT_TOKEN_URL))
        .append(String.format("  %-24s %s%n", "", "(https, or plain http to a loopback host such as the fake;"))
        .append(String.format("  %-24s %s%n", "", " tokens then also go to that host and port)"))
        .append("  ").append(Configuration.CREDENTIAL_ENCODING_VARIABLE).append('\n')
        .append(String.format("  %-24s %s%n", "", "rfc6749 (default) or raw (or --credential-encoding MODE):"))
        .append(String.format("  %-24s %s%n", "", "rfc6749 form-urlencodes key and secret before Basic, as"))
        .append(String.format("  %-24s %s%n", "", "RFC 6749 says; raw sends them as curl -u does. The same"))
        .append(String.format("  %-24s %s%n", "", "bytes for OS's letters-and-digits credentials."))
        .append('\n');
  }

  private static void appendExitCodes(StringBuilder b, List<ExitCode> codes) {
    b.append("Exit codes:\n");
    for (ExitCode c : codes) {
      b.append(String.format("  %d  %s%n", c.status(), c.meaning()));
    }
    b.append('\n');
  }
}
