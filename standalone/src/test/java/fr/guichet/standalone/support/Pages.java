package fr.guichet.standalone.support;

import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every browser test does with a page: wait on it, run a script in it, measure it. */
public final class Pages {

  private Pages() {}

  /** Waits up to 20 seconds, the browser tests' patience for one step. */
  public static WebDriverWait waiting(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  public static Object js(WebDriver browser, String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Whether the page is wider than the window (a phone would have to scroll sideways). */
  public static boolean overflowsHorizontally(WebDriver browser) {
    return (Boolean)
        js(browser, "return document.documentElement.scrollWidth > window.innerWidth + 1");
  }
}
