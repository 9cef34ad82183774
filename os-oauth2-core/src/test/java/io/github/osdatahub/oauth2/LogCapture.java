package io.github.osdatahub.oauth2;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Captures every java.util.logging record (where {@link System.Logger} goes by default) at every
 * level, on the root logger, while open.
 *
 * <p>Reflective on purpose: core's tests are compiled into core's module, which does not read
 * {@code java.logging} (core needs only {@code System.Logger}); at run time the tests are on the
 * class path and may use it freely. A plain {@code StreamHandler} with a {@code SimpleFormatter}
 * needs no subclass, so no compile-time reference to the package is needed.
 */
final class LogCapture implements AutoCloseable {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Object root;
  private final Object sdk;
  private final Object handler;
  private final Object rootLevel;
  private final Object sdkLevel;

  private LogCapture() throws ReflectiveOperationException {
    Class<?> loggerClass = Class.forName("java.util.logging.Logger");
    Class<?> levelClass = Class.forName("java.util.logging.Level");
    Class<?> handlerClass = Class.forName("java.util.logging.Handler");
    Class<?> formatterClass = Class.forName("java.util.logging.Formatter");
    Object all = levelClass.getField("ALL").get(null);
    Method getLogger = loggerClass.getMethod("getLogger", String.class);
    root = getLogger.invoke(null, "");
    sdk = getLogger.invoke(null, "io.github.osdatahub.oauth2");
    rootLevel = loggerClass.getMethod("getLevel").invoke(root);
    sdkLevel = loggerClass.getMethod("getLevel").invoke(sdk);
    Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
    handler = Class.forName("java.util.logging.StreamHandler")
        .getConstructor(java.io.OutputStream.class, formatterClass).newInstance(out, formatter);
    handlerClass.getMethod("setLevel", levelClass).invoke(handler, all);
    loggerClass.getMethod("setLevel", levelClass).invoke(root, all);
    loggerClass.getMethod("setLevel", levelClass).invoke(sdk, all);
    loggerClass.getMethod("addHandler", handlerClass).invoke(root, handler);
  }

  static LogCapture start() {
    try {
      return new LogCapture();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("java.util.logging is not available", e);
    }
  }

  /** Everything logged so far, formatted. */
  String text() {
    try {
      handler.getClass().getMethod("flush").invoke(handler);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    try {
      Class<?> loggerClass = Class.forName("java.util.logging.Logger");
      Class<?> levelClass = Class.forName("java.util.logging.Level");
      loggerClass.getMethod("removeHandler", Class.forName("java.util.logging.Handler")).invoke(root, handler);
      loggerClass.getMethod("setLevel", levelClass).invoke(root, rootLevel);
      loggerClass.getMethod("setLevel", levelClass).invoke(sdk, sdkLevel);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
