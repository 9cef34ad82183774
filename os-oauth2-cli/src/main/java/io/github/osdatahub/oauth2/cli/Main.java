package io.github.osdatahub.oauth2.cli;

import io.github.osdatahub.oauth2.CredentialsRejectedException;
import io.github.osdatahub.oauth2.OsOAuth2;
import io.github.osdatahub.oauth2.OsOAuth2Exception;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code os-oauth2} command: {@code token}, {@code get}, {@code demo} and {@code fake-server}.
 * Run {@code java -jar os-oauth2.jar --help} for the usage.
 *
 * <p>Exit codes: 0 success; 2 usage or configuration error; 3 credentials rejected; 4 no token for
 * another reason; 5 the API request failed; 6 the output could not be written. Each failure is one
 * line on standard error, which never holds the secret or a token.
 */
public final class Main {
  /** The message when standard output could not be written. */
  static final String OUTPUT_LOST = "could not write to standard output (disk full or closed?)";
  private static final String VERSION = "--version";

  private Main() {}

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command in this process, for tests and for embedding.
   *
   * @param args the command line, without the program name
   * @param env environment variables to read the configuration from
   * @param out where the result goes (standard output)
   * @param err where diagnostics go (standard error)
   * @return the exit code
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    Context context = new Context(Map.copyOf(env), out, err);
    // --version needs no command: answered before any is made, it loads none of their classes.
    boolean version = args.length > 0 && args[0].equals(VERSION);
    return run(args, context, version ? List.of() : Commands.standard());
  }

  static int run(String[] args, Context context, List<Command> commands) {
    Objects.requireNonNull(args, "args");
    try {
      return outputWritten(context, execute(Arrays.asList(args), context, commands)).status();
    } finally {
      context.err().flush();
    }
  }

  private static ExitCode execute(List<String> args, Context context, List<Command> commands) {
    try {
      return dispatch(args, context, commands);
    } catch (CommandFailedException e) {
      context.error(e.getMessage());
      return e.exitCode();
    } catch (OsOAuth2Exception e) {
      context.error(describe(e));
      return ExitCode.forTokenFailure(e);
    } catch (RuntimeException e) {
      context.error("unexpected " + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return ExitCode.INTERNAL_ERROR;
    }
  }

  /**
   * The exit code once standard output is flushed: a {@link PrintStream} swallows write errors
   * (a full disk, a closed pipe), so a result that never arrived would otherwise exit 0.
   */
  private static ExitCode outputWritten(Context context, ExitCode code) {
    if (context.out().checkError() && code == ExitCode.OK) {
      context.error(OUTPUT_LOST);
      return ExitCode.OUTPUT_FAILED;
    }
    return code;
  }

  // Loops rather than streams and lambdas on the way to every command: see "Start-up" in the README.
  private static ExitCode dispatch(List<String> args, Context context, List<Command> commands) {
    for (String arg : args) {
      if (Arguments.isSecretOption(arg)) {
        throw CommandFailedException.usage(Arguments.SECRET_REFUSED);
      }
    }
    if (args.isEmpty()) {
      context.err().print(HelpText.forProgram(commands));
      return ExitCode.USAGE;
    }
    String first = args.get(0);
    if (Option.HELP.isNamed(first)) {
      context.out().print(HelpText.forProgram(commands));
      return ExitCode.OK;
    }
    if (first.equals(VERSION)) {
      context.out().println("os-oauth2 " + OsOAuth2.version() + " (Java " + Runtime.version() + ")");
      return ExitCode.OK;
    }
    Command command = named(first, commands);
    List<Option> accepted = new java.util.ArrayList<>(command.options());
    accepted.add(Option.HELP);
    Arguments arguments = Arguments.parse(args.subList(1, args.size()), accepted, command.name());
    if (arguments.has(Option.HELP)) {
      context.out().print(HelpText.forCommand(command));
      return ExitCode.OK;
    }
    return command.run(arguments, context);
  }

  private static Command named(String name, List<Command> commands) {
    for (Command c : commands) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw CommandFailedException.usage((name.startsWith("-") ? "unknown option " : "unknown command ") + name
        + " (see 'os-oauth2 --help')");
  }

  /**
   * One line about a failed token request. Core's messages already name the status, the gateway's
   * error code and message, and hold neither the secret nor a token.
   */
  static String describe(OsOAuth2Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof CredentialsRejectedException ? message : "could not get an access token: " + message;
  }
}
