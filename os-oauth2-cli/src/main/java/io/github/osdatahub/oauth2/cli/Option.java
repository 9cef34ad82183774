package io.github.osdatahub.oauth2.cli;

/**
 * One option a command accepts; the help text is made from these, so it lists every option.
 *
 * @param name the long form, such as {@code --output}
 * @param shortName the short form, such as {@code -o}, or null
 * @param valueName what the value is, such as {@code FILE}, or null for a flag
 * @param description one line
 */
record Option(String name, String shortName, String valueName, String description) {
  static final Option HELP = flag("--help", "-h", "show this help and exit");

  static Option flag(String name, String shortName, String description) {
    return new Option(name, shortName, null, description);
  }

  static Option valued(String name, String shortName, String valueName, String description) {
    return new Option(name, shortName, valueName, description);
  }

  boolean takesValue() {
    return valueName != null;
  }

  boolean isNamed(String given) {
    return given.equals(name) || given.equals(shortName);
  }

  /** How the help shows it: {@code -o, --output FILE}. */
  String synopsis() {
    return (shortName == null ? "    " : shortName + ", ") + name + (takesValue() ? " " + valueName : "");
  }
}
