package io.github.osdatahub.oauth2.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: the environment variables and the two output streams. Passed in, not
 * read from {@link System}, so the tests run every command in-process.
 *
 * <p>Diagnostics go through {@link #error} and {@link #warning}, which pass them through
 * {@link TerminalText}: nothing else writes to {@code err} but the fixed help text.
 *
 * @param env environment variables
 * @param out standard output: the command's result only
 * @param err standard error: diagnostics, one line per failure
 */
record Context(Map<String, String> env, PrintStream out, PrintStream err) {
  /** Prints the one line that says why the command failed. */
  void error(String message) {
    err.println("os-oauth2: " + TerminalText.oneLine(message));
  }

  /** Prints a one-line warning; the command goes on. */
  void warning(String message) {
    err.println("os-oauth2: warning: " + TerminalText.oneLine(message));
  }
}
