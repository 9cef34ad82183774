package io.github.osdatahub.oauth2;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OS Data Hub project's API key and secret, the client credentials exchanged for a token.
 * Immutable; {@link #toString()} shows at most the first four characters of the key, never the
 * secret. How the two go in the request is a {@link CredentialEncoding}.
 */
public final class ProjectCredentials {
  /** Environment variable that holds the project API key. */
  public static final String KEY_VARIABLE = "OS_PROJECT_API_KEY";
  /** Environment variable that holds the project API secret. */
  public static final String SECRET_VARIABLE = "OS_PROJECT_API_SECRET";

  private final String key;
  private final String secret;

  private ProjectCredentials(String key, String secret) {
    this.key = key;
    this.secret = secret;
  }

  /**
   * @param key the project API key; not blank, no control characters
   * @param secret the project API secret; not blank, no control characters
   * @return the credentials
   * @throws IllegalArgumentException naming the bad value, never quoting it
   */
  public static ProjectCredentials of(String key, String secret) {
    check("API key", key);
    check("API secret", secret);
    return new ProjectCredentials(key, secret);
  }

  /**
   * @return the credentials in {@value #KEY_VARIABLE} and {@value #SECRET_VARIABLE}
   * @throws IllegalStateException when a variable is missing or blank
   */
  public static ProjectCredentials fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * @param environment variable names to values
   * @return the credentials in {@value #KEY_VARIABLE} and {@value #SECRET_VARIABLE} there
   * @throws IllegalStateException when a variable is missing or blank
   */
  public static ProjectCredentials fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    for (String name : List.of(KEY_VARIABLE, SECRET_VARIABLE)) {
      if (environment.get(name) == null || environment.get(name).isBlank()) {
        throw new IllegalStateException(name + " is not set");
      }
    }
    try {
      return of(environment.get(KEY_VARIABLE).strip(), environment.get(SECRET_VARIABLE).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage() + " (from the environment)", e);
    }
  }

  /** {@return the project API key} */
  public String key() {
    return key;
  }

  // Never logged. Throws IllegalArgumentException when the encoding cannot carry the key.
  String basicAuthorization(CredentialEncoding encoding) {
    return encoding.basicAuthorization(key, secret);
  }

  private static void check(String what, String value) {
    String problem = value == null ? "be null" : value.isBlank() ? "be blank"
        : hasControlCharacter(value) ? "contain control characters" : null;
    if (problem != null) {
      throw new IllegalArgumentException(what + " must not " + problem);
    }
  }

  // A loop, not a stream: it runs in every fresh JVM on the way to its first token.
  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProjectCredentials other && other.key.equals(key) && other.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    String shown = key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
    return "ProjectCredentials[key=" + shown + ", secret=****]";
  }
}
