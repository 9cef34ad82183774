package io.github.osdatahub.oauth2.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
  private static final Option FLAG = Option.flag("--json", null, "a flag");
  private static final Option FILE = Option.valued("--output", "-o", "FILE", "a file");
  private static final List<Option> ACCEPTED = List.of(FLAG, FILE);

  private static Arguments parse(String... args) {
    return Arguments.parse(List.of(args), ACCEPTED, "test");
  }

  @Test
  void readsFlagsValuesAndOperandsInAnyOrder() {
    Arguments a = parse("first", "--json", "-o", "out.json", "second");

    assertThat(a.has(FLAG)).isTrue();
    assertThat(a.value(FILE)).contains("out.json");
    assertThat(a.operands()).containsExactly("first", "second");
  }

  @Test
  void acceptsTheEqualsFormAndTheLongName() {
    assertThat(parse("--output=a.txt").value(FILE)).contains("a.txt");
    assertThat(parse("--output", "b.txt").value(FILE)).contains("b.txt");
    assertThat(parse().has(FLAG)).isFalse();
  }

  @Test
  void doubleDashEndsTheOptionsAndALoneDashIsAnOperand() {
    Arguments a = parse("--", "--json", "-");

    assertThat(a.has(FLAG)).isFalse();
    assertThat(a.operands()).containsExactly("--json", "-");
  }

  @Test
  void anUnknownOptionIsAUsageErrorThatDoesNotEchoItsValue() {
    assertThatThrownBy(() -> parse("--sceret=hunter2-value"))
        .isInstanceOfSatisfying(CommandFailedException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("unknown option --sceret")
        .hasMessageContaining("os-oauth2 test --help")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theSecretOptionIsRefusedWithTheReasonAndWithoutEchoingIt() {
    for (String[] args : List.of(new String[] {"--secret", "s3cr3t-value"}, new String[] {"--secret=s3cr3t-value"})) {
      assertThatThrownBy(() -> parse(args))
          .isInstanceOfSatisfying(CommandFailedException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining("process lists")
          .hasMessageContaining(Configuration.SECRET_VARIABLE)
          .hasMessageContaining("--secret-file")
          .hasMessageNotContaining("s3cr3t-value");
    }
  }

  @Test
  void aMissingValueARepeatedOptionAndAValueOnAFlagAreUsageErrors() {
    assertThatThrownBy(() -> parse("-o")).hasMessageContaining("-o needs a value (FILE)");
    assertThatThrownBy(() -> parse("-o", "a", "--output", "b")).hasMessageContaining("--output is given more than once");
    assertThatThrownBy(() -> parse("--json=yes")).hasMessageContaining("--json takes no value");
  }
}
