package io.github.osdatahub.oauth2.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The page's script, {@code os-oauth2.js}, as this jar holds it under {@code META-INF/resources}, where
 * Servlet containers and Spring Boot serve it from; read once, with an ETag of its bytes.
 */
final class BrowserScript {
  static final String RESOURCE = "META-INF/resources/os-oauth2/os-oauth2.js";

  private final byte[] bytes;
  private final String etag;

  private BrowserScript(byte[] bytes) {
    this.bytes = bytes;
    this.etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
  }

  static BrowserScript load() {
    // META-INF is no package, so the resource is readable across modules.
    try (InputStream in = BrowserScript.class.getResourceAsStream("/" + RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path: the os-oauth2-relay jar is "
            + "incomplete");
      }
      return new BrowserScript(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }

  byte[] bytes() {
    return bytes;
  }

  String etag() {
    return etag;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
