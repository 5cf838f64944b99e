package fr.guichet.standalone.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signs a browser in the way a person does: the account page's form, which sets the session cookie.
 * Test actors get their accounts (and known passwords) from {@link Api#tokenFor}.
 */
public final class BrowserSignIn {

  private BrowserSignIn() {}

  /** Opens {@code actor}'s account as {@code role} if needed, then signs the browser in with it. */
  public static void as(
      WebDriver browser, String base, GuichetInstance guichet, String actor, String role) {
    new Api(guichet).tokenFor(actor, role);
    with(browser, base, "/", Api.loginOf(actor, role), Api.passwordOf(actor));
  }

  /** Opens {@code actor}'s account as {@code role} if needed, then signs the browser in with it. */
  public static void as(WebDriver browser, RunningGuichet guichet, String actor, String role) {
    as(browser, guichet.base(), guichet.instance(), actor, role);
  }

  /**
   * Signs the browser in as {@code actor} and lands on {@code next} (a path such as
   * "/event.html?id=…"), as a person sent to the account page from that page does: one page load
   * fewer than signing in, then opening it.
   */
  public static void as(
      WebDriver browser, RunningGuichet guichet, String actor, String role, String next) {
    new Api(guichet.instance()).tokenFor(actor, role);
    with(browser, guichet.base(), next, Api.loginOf(actor, role), Api.passwordOf(actor));
  }

  /**
   * Fills the sign-in form of the account page and waits for the page it leads to ({@code next}) to
   * show who is signed in, or for the account area of a page outside the spectator site.
   */
  public static void with(
      WebDriver browser, String base, String next, String login, String password) {
    browser.get(base + "/account.html?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    WebDriverWait wait = Pages.waiting(browser, Duration.ofSeconds(30));
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-login")));
    // the page's script is attached, or the form would be submitted by the browser itself
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    field.sendKeys(login);
    browser.findElement(By.id("sign-in-password")).sendKeys(password);
    browser.findElement(By.id("sign-in-submit")).click();
    wait.until(
        d ->
            !d.getCurrentUrl().contains("/account.html")
                && !d.findElements(By.id("signed-in-as")).isEmpty());
  }
}
