package io.github.osdatahub.oauth2.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium, driven by Selenium through the system's chromedriver. Both paths are
 * given, so Selenium Manager never runs and nothing is downloaded.
 */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Set to {@code true} (as CI does once it has installed the browser) to fail instead of skipping. */
  static final String REQUIRE_VARIABLE = "OS_OAUTH2_REQUIRE_BROWSER";
  static final String MISSING = "no headless Chromium: the browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
      + ", from the Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)";

  private HeadlessChromium() {}

  /**
   * Skips the calling test when Chromium or chromedriver is missing, unless
   * {@value #REQUIRE_VARIABLE}{@code =true}: then it fails.
   */
  static void assumePresent() {
    if (present()) {
      return;
    }
    if ("true".equals(System.getenv(REQUIRE_VARIABLE))) {
      fail(MISSING + "; " + REQUIRE_VARIABLE + "=true says it must run");
    }
    Assumptions.abort(MISSING);
  }

  /** Whether both are installed. */
  static boolean present() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Starts a fresh headless Chromium with its own profile folder. */
  static ChromeDriver start(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }
}
