package fr.guichet.standalone.support;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every browser test does with a page: wait on it, run a script in it, measure it. */
public final class Pages {

  private Pages() {}

  /**
   * How often a wait looks again. Selenium's default (500 ms) made every step of a journey wait a
   * quarter of a second on average after the page was ready: dozens of steps per test.
   */
  static final Duration POLLING = Duration.ofMillis(100);

  /** Waits up to 20 seconds, the browser tests' patience for one step. */
  public static WebDriverWait waiting(WebDriver browser) {
    return waiting(browser, Duration.ofSeconds(20));
  }

  /**
   * Waits up to {@code patience}, looking again every {@link #POLLING}. A look that Chrome aborts
   * because the page is navigating (after a click that submits or follows a link) counts as "not
   * yet": the next look sees the new page.
   */
  public static WebDriverWait waiting(WebDriver browser, Duration patience) {
    WebDriverWait wait =
        new WebDriverWait(browser, patience) {
          @Override
          public <V> V until(Function<? super WebDriver, ? extends V> condition) {
            return super.until(
                driver -> {
                  try {
                    return condition.apply(driver);
                  } catch (WebDriverException e) {
                    if (abortedByNavigation(e)) {
                      return null;
                    }
                    throw e;
                  }
                });
          }
        };
    wait.pollingEvery(POLLING);
    // The element found by a look may be replaced by the page before the look reads it (a
    // re-render after a payment's outcome arrives): that look counts as "not yet" too.
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static boolean abortedByNavigation(WebDriverException e) {
    return e.getMessage() != null && e.getMessage().contains("aborted by navigation");
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
