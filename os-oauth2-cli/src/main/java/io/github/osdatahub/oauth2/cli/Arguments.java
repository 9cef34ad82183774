package io.github.osdatahub.oauth2.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command's parsed arguments: options by long name and the operands, in order. Accepts
 * {@code --name value}, {@code --name=value}, {@code -n value} and {@code --} to end the options.
 */
final class Arguments {
  /** Why the secret is never an argument; the one message for every way of trying. */
  static final String SECRET_REFUSED = "--secret is not accepted: a secret on the command line shows in process "
      + "lists and shell history. Set " + Configuration.SECRET_VARIABLE + " or use --secret-file FILE.";

  private final Map<String, String> values;
  private final List<String> operands;

  private Arguments(Map<String, String> values, List<String> operands) {
    this.values = values;
    this.operands = operands;
  }

  /**
   * Parses the arguments that follow the command name.
   *
   * @throws CommandFailedException (usage) naming the bad argument; an unknown option's value is
   *     never echoed, in case it is a secret
   */
  static Arguments parse(List<String> args, List<Option> accepted, String command) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
        operands.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (isSecretOption(name)) {
        throw CommandFailedException.usage(SECRET_REFUSED);
      }
      Option option = accepted.stream().filter(o -> o.isNamed(name)).findFirst()
          .orElseThrow(() -> CommandFailedException.usage("unknown option " + name + " for '" + command
              + "' (see 'os-oauth2 " + command + " --help')"));
      String value;
      if (!option.takesValue()) {
        if (eq >= 0) {
          throw CommandFailedException.usage(name + " takes no value");
        }
        value = "";
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw CommandFailedException.usage(name + " needs a value (" + option.valueName() + ")");
      }
      if (values.putIfAbsent(option.name(), value) != null) {
        throw CommandFailedException.usage(option.name() + " is given more than once");
      }
    }
    return new Arguments(values, List.copyOf(operands));
  }

  /** Whether an argument tries to pass the secret; checked on every argument, wherever it is. */
  static boolean isSecretOption(String arg) {
    return arg.equals("--secret") || arg.startsWith("--secret=");
  }

  boolean has(Option option) {
    return values.containsKey(option.name());
  }

  Optional<String> value(Option option) {
    return Optional.ofNullable(values.get(option.name()));
  }

  List<String> operands() {
    return operands;
  }
}
