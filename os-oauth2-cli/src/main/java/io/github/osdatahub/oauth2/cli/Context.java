package io.github.osdatahub.oauth2.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs with: the environment variables and the two output streams. Passed in, not
 * read from {@link System}, so the tests run every command in-process.
 *
 * @param env environment variables
 * @param out standard output: the command's result only
 * @param err standard error: diagnostics, one line per failure
 */
record Context(Map<String, String> env, PrintStream out, PrintStream err) {}
