package io.github.osdatahub.oauth2.cli;

import java.util.List;

/** The subcommands, in the order the help lists them. */
final class Commands {
  private Commands() {}

  static List<Command> standard() {
    return List.of(new TokenCommand(), new GetCommand(), new DemoCommand(), new FakeServerCommand(),
        new MapDemoCommand(), new RelayCommand());
  }
}
