package io.github.osdatahub.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, read once from a resource that the build fills in. */
final class SdkVersion {
  private static final String VERSION = load();

  private SdkVersion() {}

  public static String version() {
    return VERSION;
  }

  public static String userAgent() {
    return "os-oauth2-java/" + VERSION + " Java/" + Runtime.version().feature();
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) { // unpackaged classes
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
