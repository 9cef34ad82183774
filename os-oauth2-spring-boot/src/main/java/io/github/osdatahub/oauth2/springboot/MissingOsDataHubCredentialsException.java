package io.github.osdatahub.oauth2.springboot;

import java.util.List;

/**
 * Startup found no OS Data Hub project key or secret; {@code OsDataHubFailureAnalyzer} turns it into
 * Boot's failure report. Its message names what is missing, never a value.
 */
public final class MissingOsDataHubCredentialsException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The property names, in the order they are reported. */
  private final List<String> missing;

  MissingOsDataHubCredentialsException(List<String> missing) {
    super("OS Data Hub credentials missing: " + String.join(", ", missing));
    this.missing = List.copyOf(missing);
  }

  /** {@return the missing properties ({@code os.datahub.key}, {@code os.datahub.secret})} */
  public List<String> missing() {
    return missing;
  }
}
