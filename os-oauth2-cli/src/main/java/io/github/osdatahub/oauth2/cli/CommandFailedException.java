package io.github.osdatahub.oauth2.cli;

/**
 * Ends a command with an exit code and one line for stderr. The message must hold neither the
 * secret nor a token.
 */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  CommandFailedException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CommandFailedException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CommandFailedException usage(String message) {
    return new CommandFailedException(ExitCode.USAGE, message);
  }

  ExitCode exitCode() {
    return exitCode;
  }
}
