package fr.guichet.standalone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian chromium driven through /usr/bin/chromedriver (Selenium Manager never runs).
 * Without chromedriver the tests are skipped, except in CI (env {@code CI} set) where they fail.
 * When a test fails, every open browser saves a screenshot under {@code
 * target/browser-screenshots}.
 */
public final class Browsers
    implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback {

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path WORK = Path.of("target", "selenium");
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  private final List<WebDriver> open = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!installed && System.getenv("CI") != null) {
      Assertions.fail(
          "CI is set but chromium/chromium-driver are missing: .ci/run installs them"
              + " (apt-get install chromium chromium-driver).");
    }
    Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
    Files.createDirectories(WORK);
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty("SE_CACHE_PATH", WORK.toAbsolutePath().toString());
  }

  /** A fresh browser (own profile) preferring {@code language}, e.g. "fr-FR". */
  public WebDriver open(String language) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    try {
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1280,1000",
          "--lang=" + language,
          "--user-data-dir=" + Files.createTempDirectory(WORK, "profile-").toAbsolutePath());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver driver = new ChromeDriver(service, options);
    open.add(driver);
    return driver;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    Files.createDirectories(SCREENSHOTS);
    for (int i = 0; i < open.size(); i++) {
      byte[] png = ((TakesScreenshot) open.get(i)).getScreenshotAs(OutputType.BYTES);
      Path file =
          SCREENSHOTS.resolve(
              context.getRequiredTestClass().getSimpleName()
                  + "-"
                  + context.getRequiredTestMethod().getName()
                  + "-"
                  + i
                  + ".png");
      Files.write(file, png);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    open.forEach(WebDriver::quit);
    open.clear();
  }
}
