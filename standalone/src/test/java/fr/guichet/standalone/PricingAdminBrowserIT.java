package fr.guichet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.account.AccountService;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.standalone.support.BrowserSignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The manager's editor flow in a real browser: edit, validate with an error shown at its line, fix,
 * try on a basket, publish, compare with the previous version.
 */
class PricingAdminBrowserIT {

  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String MANAGER_PASSWORD = "a manager's test passphrase";
  static ConfigurableApplicationContext app;
  static WebDriver browser;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromium-driver is not installed");
    Path data = Files.createTempDirectory(Path.of("target"), "pricing-browser-");
    Path cache = Files.createDirectories(Path.of("target", "selenium"));
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("SE_AVOID_STATS", "true");
    System.setProperty("SE_CACHE_PATH", cache.toAbsolutePath().toString());
    GuichetApplication.quietDefaults();
    app =
        new SpringApplicationBuilder(GuichetApplication.class)
            .run("--server.port=0", "--guichet.data-dir=" + data.toAbsolutePath());
    base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
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
        // A French-speaking manager: the page follows the browser's language like the site's.
        "--lang=fr-FR",
        "--user-data-dir=" + Files.createTempDirectory(cache, "profile-").toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  @Test
  void a_manager_edits_validates_fixes_tries_publishes_and_compares() {
    browser.get(base + "/admin/pricing/");
    waiting().until(ExpectedConditions.elementToBeClickable(By.id("sign-in-link"))).click();
    app.getBean(AccountService.class)
        .createAccount("manon", "manon", Role.MANAGER, MANAGER_PASSWORD, MetaData.emptyInstance());
    BrowserSignIn.with(browser, base, "/admin/pricing/", "manon", MANAGER_PASSWORD);
    assertThat(browser.getCurrentUrl()).endsWith("/admin/pricing/");
    assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Connecté : manon");
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#versions li")));
    waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tabs button[data-file='discounts.drl']")));
    browser.findElement(By.cssSelector("#tabs button[data-file='discounts.drl']")).click();

    String original =
        (String) js("return document.querySelector('.CodeMirror').CodeMirror.getValue()");
    int whenLine = lineOf(original, "$t : Ticket( rate == \"STUDENT\", studentProofGiven )");
    js(
        "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])",
        original.replace(
            "$t : Ticket( rate == \"STUDENT\", studentProofGiven )",
            "$t : Ticket( rate == \"STUDENT\", studentProofGiven"));
    browser.findElement(By.id("validate")).click();

    WebElement error =
        waiting()
            .until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages li.error")));
    assertThat(error.getText()).startsWith("discounts.drl:");
    int reported = Integer.parseInt(error.getAttribute("data-line"));
    assertThat(reported).isBetween(whenLine, whenLine + 2);
    assertThat(browser.findElements(By.cssSelector(".CodeMirror .error-line"))).isNotEmpty();

    js(
        "document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])",
        original.replace("new Discount( $t, 20 )", "new Discount( $t, 25 )"));
    browser.findElement(By.id("validate")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#messages .ok"), "Les règles compilent"));
    assertThat(browser.findElements(By.cssSelector(".CodeMirror .error-line"))).isEmpty();

    browser.findElement(By.id("try")).click();
    WebElement total =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("trial-total")));
    assertThat(total.getText()).isEqualTo("206,25 €");
    List<WebElement> finals = browser.findElements(By.cssSelector("#trial-table td.final"));
    assertThat(finals.get(0).getText()).isEqualTo("41,25 €");

    browser.findElement(By.id("comment")).sendKeys("Étudiants à -25 %");
    browser.findElement(By.id("publish")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#messages .ok"), "Version 2 publiée"));
    waiting()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#versions li[data-version='2'] .badge")));

    browser.findElement(By.id("diff-button")).click();
    WebElement added =
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diff .add")));
    assertThat(added.getText()).contains("new Discount( $t, 25 )");
    assertThat(browser.findElement(By.cssSelector(".diff .del")).getText())
        .contains("new Discount( $t, 20 )");
  }

  private static int lineOf(String text, String fragment) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError("not found: " + fragment);
  }
}
