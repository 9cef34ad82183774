package io.github.osdatahub.oauth2.cli;

import java.util.List;

/** One subcommand: what it is called, its help, and what it does. */
interface Command {
  /** The name typed after {@code os-oauth2}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The synopsis after {@code os-oauth2 }, such as {@code token [--json | --header]}. */
  String usage();

  /** A few sentences of what it does. */
  String description();

  /** The options it accepts, {@code --help} aside. */
  List<Option> options();

  /** Whether it reads the project credentials (its help then lists the variables). */
  boolean readsCredentials();

  /** The exit codes it can end with, for its help. */
  List<ExitCode> exitCodes();

  /**
   * Runs the command.
   *
   * @return the exit code
   * @throws CommandFailedException to end with a code and a one-line message
   * @throws io.github.osdatahub.oauth2.OsOAuth2Exception when no token could be had (exit 3 or 4)
   */
  ExitCode run(Arguments arguments, Context context);
}
