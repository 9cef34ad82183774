package io.github.osdatahub.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, read once from a resource that the build fills in. */
final class SdkVersion {
  private static final String VERSION = load();

  private SdkVersion() {}

  /**
   * The SDK version, such as {@code 0.1.0}.
   *
   * @return the version, or {@code unknown}
   */
  public static String version() {
    return VERSION;
  }

  /**
   * The {@code User-Agent} the SDK sends: its name, version and the Java version.
   *
   * @return the header value
   */
  public static String userAgent() {
    return "os-oauth2-java/" + VERSION + " Java/" + Runtime.version().feature();
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
