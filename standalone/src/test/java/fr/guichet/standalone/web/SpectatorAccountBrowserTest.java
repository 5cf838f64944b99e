package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.RunningGuichet;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A newcomer in a real browser: signs up, confirms the address with the link of the e-mail, signs
 * in, holds two seats, pays at the bank, and finds the confirmed order under "Mes commandes"; then
 * signs out and is anonymous again. Also: a wrong password and a forgotten one.
 */
class SpectatorAccountBrowserTest {

  private static final Pattern VERIFY = Pattern.compile("(/account\\.html#verify=[\\w-]+)");
  private static final Pattern RESET = Pattern.compile("(/account\\.html#reset=[\\w-]+)");

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  @Test
  void a_newcomer_signs_up_confirms_by_mail_signs_in_buys_two_seats_and_finds_the_order() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    String email = "camille.durand@example.org";
    String password = "trois pommes sur la table";
    WebDriver browser = browsers.open("fr-FR");

    browser.get(platform.base() + "/event.html?id=" + eventId);
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-live", "true"));
    holdTwoInCarreOr(browser);
    WebElement refusal =
        waiting(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-sign-in")));
    assertThat(browser.findElement(By.id("checkout-message")).getText())
        .startsWith("Connectez-vous pour réserver des places.");
    refusal.click();

    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("sign-up-email")));
    // the page's script is attached: submitting now runs its checks, not the browser's own
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Mon compte");
    browser.findElement(By.id("sign-up-email")).sendKeys(email);
    browser.findElement(By.id("sign-up-password")).sendKeys("court");
    browser.findElement(By.id("sign-up-submit")).click();
    assertThat(message(browser)).isEqualTo("Le mot de passe doit compter au moins 12 caractères.");
    assertThat(browser.findElement(By.id("sign-up-password")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.findElement(By.id("sign-up-password")).clear();
    browser.findElement(By.id("sign-up-password")).sendKeys(password);
    browser.findElement(By.id("sign-up-submit")).click();
    waiting(browser).until(d -> message(d).startsWith("Compte créé."));

    signInWith(browser, email, password);
    waiting(browser)
        .until(
            d ->
                message(d)
                    .equals("Confirmez d'abord votre adresse : ouvrez le lien reçu par e-mail."));

    String verify = linkIn(email, VERIFY);
    browser.get(platform.base() + "/");
    browser.get(platform.base() + verify);
    waiting(browser)
        .until(d -> message(d).equals("Adresse confirmée : vous pouvez vous connecter."));
    assertThat(browser.getCurrentUrl()).doesNotContain("verify=");

    browser.get(platform.base() + "/account.html?next=" + "/event.html?id=" + eventId);
    signInWith(browser, email, password);
    waiting(browser).until(d -> d.getCurrentUrl().contains("/event.html?id=" + eventId));
    assertThat(
            waiting(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")))
                .getText())
        .isEqualTo("Connecté : " + email);
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-live", "true"));

    holdTwoInCarreOr(browser);
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    String orderId =
        browser.findElement(By.id("checkout-order")).getText().substring("Commande ".length());

    // The page has no pay button yet: start the payment from the page, with its own session and
    // CSRF token (platform.api().js), as the checkout will (again, with the same key, until the
    // order the hold
    // led to exists); then pay on the bank's page.
    Map<String, Object> started = startPaymentFromThePage(browser, orderId, email);
    assertThat(((Number) started.get("amountCents")).longValue()).isEqualTo(18000);
    browser.get(platform.base() + URI.create((String) started.get("paymentPageUrl")).getPath());
    browser.findElement(By.name("card")).sendKeys(SandboxBank.CARD_SUCCESS);
    browser.findElement(By.cssSelector("form button")).click();
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "SUCCEEDED"));

    browser.get(platform.base() + "/");
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.linkText("Mes commandes")))
        .click();
    WebElement row =
        waiting(browser)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#orders tbody tr[data-order='" + orderId + "']")));
    assertThat(row.getText()).contains("Festival des Nuits");
    waiting(browser, Duration.ofSeconds(45))
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            d -> {
              List<WebElement> rows =
                  d.findElements(By.cssSelector("#orders tbody tr[data-order='" + orderId + "']"));
              if (rows.stream().anyMatch(r -> r.getText().contains("Confirmée"))) {
                return true;
              }
              if (!rows.isEmpty()) {
                d.navigate().refresh();
              }
              return false;
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> platform.mailbox().to(email).size() == 2);
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.findElement(By.id("sign-out")).click();
    waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in-link")));
    browser.get(platform.base() + "/orders.html");
    assertThat(
            waiting(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("orders-message")))
                .getText())
        .startsWith("Connectez-vous pour voir vos commandes.");
  }

  @Test
  void a_wrong_password_is_refused_and_a_forgotten_one_is_replaced_through_the_mailed_link() {
    new Api(platform.instance()).tokenFor("oublieux", "SPECTATOR");
    String login = Api.loginOf("oublieux", "SPECTATOR");
    WebDriver browser = browsers.open("en-GB");

    browser.get(platform.base() + "/account.html?lang=en");
    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("sign-in-login")));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("My account");
    signInWith(browser, login, "not my password at all");
    waiting(browser).until(d -> message(d).equals("Wrong address, login or password."));

    browser.findElement(By.id("forgot-email")).sendKeys(login);
    browser.findElement(By.cssSelector("#forgot-form button")).click();
    waiting(browser).until(d -> message(d).startsWith("If an account uses this address"));

    browser.get(
        platform.base() + linkIn(login, RESET).replace("/account.html", "/account.html?lang=en"));
    WebElement fresh =
        waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("reset-password")));
    fresh.sendKeys("a whole new passphrase");
    browser.findElement(By.cssSelector("#reset-form button")).click();
    waiting(browser).until(d -> message(d).equals("Password changed. Sign in with the new one."));

    signInWith(browser, login, "a whole new passphrase");
    waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
    assertThat(browser.findElement(By.id("signed-in-as")).getText())
        .isEqualTo("Signed in: " + login);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> startPaymentFromThePage(
      WebDriver browser, String orderId, String email) {
    String key = UUID.randomUUID().toString();
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                (Map<String, Object>)
                    ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                            "const done = arguments[arguments.length - 1];"
                                + " import('/js/api.js').then(api => api.post("
                                + "   '/api/orders/' + arguments[0] + '/payments',"
                                + "   {holderName: 'Camille Durand', email: arguments[1],"
                                + "    locale: 'fr'},"
                                + "   {headers: {'Idempotency-Key': arguments[2]}}))"
                                + " .then(done, e => done({error: String(e && e.message)}));",
                            orderId,
                            email,
                            key),
            started -> started != null && started.containsKey("paymentPageUrl"));
  }

  private static void holdTwoInCarreOr(WebDriver browser) {
    new Select(browser.findElement(By.id("best-category"))).selectByValue("OR");
    WebElement quantity = browser.findElement(By.id("best-quantity"));
    quantity.clear();
    quantity.sendKeys("2");
    browser.findElement(By.cssSelector("#best button[type=submit]")).click();
  }

  private static void signInWith(WebDriver browser, String login, String password) {
    WebElement field =
        waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("sign-in-login")));
    field.clear();
    field.sendKeys(login);
    browser.findElement(By.id("sign-in-password")).sendKeys(password);
    browser.findElement(By.id("sign-in-submit")).click();
  }

  private static String message(WebDriver browser) {
    return browser.findElement(By.id("account-message")).getText();
  }

  /** The link path of the newest mail to {@code address} that has one like {@code pattern}. */
  private static String linkIn(String address, Pattern pattern) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              String found = null;
              for (var mail : platform.mailbox().to(address)) {
                Matcher m = pattern.matcher(Mailbox.html(mail));
                while (m.find()) {
                  found = m.group(1);
                }
              }
              return found;
            },
            found -> found != null);
  }
}
