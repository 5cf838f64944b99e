package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.overflowsHorizontally;
import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static fr.guichet.standalone.support.SeatPlanPage.clickPlace;
import static fr.guichet.standalone.support.SeatPlanPage.selected;
import static fr.guichet.standalone.support.SeatPlanPage.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.RunningGuichet;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The spectator's part of the reference scenario in a real browser, from the held seats to the
 * tickets: countdown, a rate per ticket with the pricing rules' breakdown, holder names, the
 * sandbox bank's page and back, the confirmation, the tickets with their QR codes and the receipt
 * in "my orders"; a hold that runs out; a declined card then a 3-D Secure payment.
 */
class CheckoutBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform =
      new RunningGuichet("--guichet.payments.sandbox.retry-base=PT0.2S");

  @Test
  void
      a_spectator_holds_two_carre_or_seats_chooses_full_and_student_rates_pays_and_finds_the_tickets()
          throws Exception {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "carre-or-buyer", "SPECTATOR", "/event.html?id=" + eventId);
    WebDriver neighbour = browsers.open("fr-FR");
    neighbour.get(platform.base() + "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    awaitPlanLive(neighbour);

    clickPlace(browser, "ORCH-A-5");
    clickPlace(browser, "ORCH-A-6");
    waiting(browser).until(d -> selected(d).size() == 2);
    browser.findElement(By.id("hold")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(browser.findElement(By.id("countdown")).getText()).matches("(10:00|09:[0-5]\\d)");
    waiting(neighbour).until(d -> stateOf(d, "ORCH-A-5") == 1L && stateOf(d, "ORCH-A-6") == 1L);

    browser.findElement(By.id("go-pay")).click();
    awaitCheckout(browser);
    String orderId = (String) js(browser, "return guichetCheckout.orderId");
    String countdown = browser.findElement(By.id("pay-countdown")).getText();
    assertThat(countdown).matches("(10:00|0\\d:[0-5]\\d)");
    waiting(browser).until(d -> !d.findElement(By.id("pay-countdown")).getText().equals(countdown));
    assertThat(browser.findElement(By.id("pay-countdown")).getAttribute("role")).isEqualTo("timer");
    List<WebElement> tickets = browser.findElements(By.cssSelector("fieldset.ticket-form"));
    assertThat(tickets)
        .extracting(f -> f.getAttribute("data-place"))
        .containsExactly("ORCH-A-5", "ORCH-A-6");
    assertThat(tickets.get(0).findElement(By.tagName("legend")).getText())
        .isEqualTo("Billet 1 : Orchestre, rang A, place 5 — Carré Or");
    assertThat(browser.findElement(By.id("pay-total")).getText()).isEqualTo("180,00 €");
    assertThat(browser.findElements(By.cssSelector("#t0-rate-GROUP"))).isEmpty();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.findElement(By.id("t0-holder")).sendKeys("Alice Martin");
    browser.findElement(By.id("t1-holder")).sendKeys("Bruno Martin");
    browser.findElement(By.cssSelector("label[for='t1-rate-STUDENT']")).click();
    WebElement proof =
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("t1-proof")));
    proof.sendKeys("CARTE-ETU-42");
    browser.findElement(By.id("apply-rates")).click();
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("rates-message"), "Prix mis à jour. Total : 162,00 €."));
    assertThat(browser.findElement(By.id("pay-total")).getText()).isEqualTo("162,00 €");
    WebElement studentLine =
        browser.findElement(By.cssSelector("#pay-breakdown .price-line[data-place='ORCH-A-6']"));
    assertThat(studentLine.getText())
        .contains("Tarif étudiant (justificatif CARTE-ETU-42)", "90,00 €", "72,00 €")
        .contains("student-discount — Tarif étudiant : -20 % avec un justificatif");
    assertThat(
            browser
                .findElement(
                    By.cssSelector("#pay-breakdown .price-line[data-place='ORCH-A-5'] .final"))
                .getText())
        .isEqualTo("90,00 €");
    assertThat(browser.findElement(By.cssSelector("[data-price-for='ORCH-A-6']")).getText())
        .isEqualTo("Prix : 72,00 € (au lieu de 90,00 €)");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.findElement(By.id("pay-email")).sendKeys("alice@example.org");
    WebElement payButton = browser.findElement(By.id("pay-submit"));
    assertThat(payButton.getText()).isEqualTo("Payer 162,00 €");
    payButton.click();
    waiting(browser).until(ExpectedConditions.urlContains("/sandbox-bank/pay/"));
    assertThat(browser.getPageSource()).contains("162,00");
    browser.findElement(By.name("card")).sendKeys(SandboxBank.CARD_SUCCESS);
    browser.findElement(By.cssSelector("form button")).click();
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "SUCCEEDED"));
    browser.findElement(By.id("return")).click();

    waiting(browser).until(ExpectedConditions.urlContains("/confirmation.html"));
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-done")));
    assertThat(browser.findElement(By.id("confirm-title")).getText())
        .isEqualTo("Commande confirmée");
    assertThat(browser.findElements(By.cssSelector("#steps li[data-state=done]"))).hasSize(3);
    List<String> shownCodes = ticketCodes(browser, "#confirm-tickets");
    assertThat(shownCodes).hasSize(2);
    awaitImagesLoaded(browser, "#confirm-tickets .ticket img");
    assertThat(browser.findElement(By.id("confirm-tickets")).getText())
        .contains("Titulaire : Alice Martin", "Titulaire : Bruno Martin", "72,00 €");
    assertThat(browser.findElement(By.id("confirm-total")).getText()).isEqualTo("162,00 €");
    assertThat(
            browser.findElement(By.cssSelector("#confirm-tickets button.pdf-download")).getText())
        .isEqualTo("Télécharger tous les billets (PDF)");
    assertThat(browser.findElement(By.id("confirm-receipt")).getText())
        .contains("student-discount");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    waiting(neighbour).until(d -> stateOf(d, "ORCH-A-5") == 2L && stateOf(d, "ORCH-A-6") == 2L);

    browser.findElement(By.id("to-orders")).click();
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("order-details"), "data-ready", "true"));
    WebElement row =
        browser.findElement(By.cssSelector("#orders tr[data-order='" + orderId + "']"));
    assertThat(row.getText()).contains("Festival des Nuits", "162,00 €", "Confirmée");
    String section = "#order-" + orderId;
    assertThat(ticketCodes(browser, section)).containsExactlyElementsOf(shownCodes);
    awaitImagesLoaded(browser, section + " .ticket img");
    assertThat(
            browser
                .findElements(By.cssSelector(section + " .ticket a.download"))
                .get(0)
                .getAttribute("download"))
        .endsWith(".png");
    browser.findElement(By.cssSelector(section + " details summary")).click();
    assertThat(browser.findElement(By.cssSelector(section + " details")).getText())
        .contains("student-discount", "full-price", "162,00 €");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    byte[] png =
        platform
            .instance()
            .http()
            .get()
            .uri(
                browser
                    .findElements(By.cssSelector(section + " .ticket a.download"))
                    .get(0)
                    .getAttribute("href"))
            .header("X-Actor-Id", "carre-or-buyer")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    assertThat(Mailbox.decode(png)).isEqualTo(shownCodes.get(0));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> platform.mailbox().to("alice@example.org").size() == 1);
    MimeMessage mail = platform.mailbox().to("alice@example.org").get(0);
    assertThat(Mailbox.qrCodes(mail)).containsExactlyElementsOf(shownCodes);
    assertThat(Mailbox.html(mail)).contains("Alice Martin").contains("Bruno Martin");
  }

  @Test
  void a_hold_that_runs_out_on_the_checkout_says_the_places_were_released_and_links_to_the_plan() {
    String eventId = platform.api().eventOnSale("PT15S", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(
        browser, platform, "checkout-buyer-1", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    new Select(browser.findElement(By.id("best-category"))).selectByValue("OR");
    browser.findElement(By.cssSelector("#best button[type=submit]")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    browser.findElement(By.id("go-pay")).click();
    awaitCheckout(browser);

    WebElement ended =
        waiting(browser, Duration.ofSeconds(30))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-ended")));
    assertThat(ended.getAttribute("data-kind")).isEqualTo("expired");
    assertThat(browser.findElement(By.id("pay-ended-title")).getText())
        .isEqualTo("Délai écoulé : vos places ont été libérées");
    assertThat(browser.findElement(By.id("pay-body")).isDisplayed()).isFalse();
    assertThat(js(browser, "return document.activeElement.id")).isEqualTo("pay-ended");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
    WebElement back = browser.findElement(By.id("pay-ended-link"));
    assertThat(back.getText()).isEqualTo("Retour au plan de salle");
    back.click();
    awaitPlanLive(browser);
    waiting(browser)
        .until(
            d ->
                js(
                        d,
                        "return document.querySelector(\"#categories tr[data-category='OR']"
                            + " td.free\").textContent")
                    .equals("20 sur 20"));
  }

  @Test
  void a_declined_card_is_said_clearly_and_a_retry_with_3d_secure_pays_in_english_on_a_phone() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("en-GB");
    browser.manage().window().setSize(new Dimension(390, 844));
    BrowserSignIn.as(
        browser,
        platform,
        "checkout-buyer-2",
        "SPECTATOR",
        "/event.html?id=" + eventId + "&lang=en");
    awaitPlanLive(browser);
    clickPlace(browser, "ORCH-B-3");
    waiting(browser).until(d -> selected(d).size() == 1);
    browser.findElement(By.id("hold")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    browser.findElement(By.id("go-pay")).click();
    awaitCheckout(browser);
    assertThat(browser.findElement(By.id("pay-title")).getText()).isEqualTo("Pay for your order");
    assertThat(overflowsHorizontally(browser)).isFalse();

    browser.findElement(By.id("pay-submit")).click();
    WebElement holder = browser.findElement(By.id("t0-holder"));
    assertThat(holder.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(js(browser, "return document.activeElement.id")).isEqualTo("t0-holder");
    assertThat(browser.findElement(By.id("t0-holder-error")).getText())
        .isEqualTo("Enter the name of the person who will use this ticket.");
    holder.sendKeys("Chloé Durand");
    browser.findElement(By.id("pay-email")).sendKeys("chloe@example.org");
    browser.findElement(By.id("pay-submit")).click();

    waiting(browser).until(ExpectedConditions.urlContains("/sandbox-bank/pay/"));
    browser.findElement(By.name("card")).sendKeys(SandboxBank.CARD_DECLINED);
    browser.findElement(By.cssSelector("form button")).click();
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "FAILED"));
    browser.findElement(By.id("return")).click();

    awaitCheckout(browser);
    waiting(browser)
        .until(
            ExpectedConditions.attributeToBe(
                By.id("pay-message"), "data-failure", "card_declined"));
    WebElement message = browser.findElement(By.id("pay-message"));
    assertThat(message.getText())
        .startsWith("The bank declined the payment: card declined. Nothing was charged.");
    assertThat(message.getAttribute("role")).isEqualTo("alert");
    assertThat(js(browser, "return document.activeElement.id")).isEqualTo("pay-message");
    assertThat(browser.findElement(By.id("t0-holder")).getAttribute("value"))
        .isEqualTo("Chloé Durand");
    assertThat(overflowsHorizontally(browser)).isFalse();
    WebElement retry = browser.findElement(By.id("pay-submit"));
    assertThat(retry.getText()).isEqualTo("Try paying €90.00 again");
    retry.click();

    waiting(browser).until(ExpectedConditions.urlContains("/sandbox-bank/pay/"));
    browser.findElement(By.name("card")).sendKeys(SandboxBank.CARD_3DS);
    browser.findElement(By.cssSelector("form button")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name("code")));
    browser.findElement(By.name("code")).sendKeys(SandboxBank.THREE_DS_CODE);
    browser.findElement(By.cssSelector("form button")).click();
    waiting(browser)
        .until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "SUCCEEDED"));
    browser.findElement(By.id("return")).click();

    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-done")));
    assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Order confirmed");
    assertThat(ticketCodes(browser, "#confirm-tickets")).hasSize(1);
    assertThat(browser.findElement(By.id("confirm-tickets")).getText())
        .contains("Holder: Chloé Durand");
    assertThat(overflowsHorizontally(browser)).isFalse();
  }

  private static void awaitCheckout(WebDriver browser) {
    waiting(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-body")));
  }

  @SuppressWarnings("unchecked")
  private static List<String> ticketCodes(WebDriver browser, String container) {
    return (List<String>)
        js(
            browser,
            "return [...document.querySelectorAll(arguments[0] + ' .ticket')]"
                + ".map(li => li.dataset.code)",
            container);
  }

  private static void awaitImagesLoaded(WebDriver browser, String selector) {
    waiting(browser)
        .until(
            d ->
                (Boolean)
                    js(
                        d,
                        "const imgs = [...document.querySelectorAll(arguments[0])];"
                            + " return imgs.length > 0 && imgs.every(i => i.complete &&"
                            + " i.naturalWidth > 0);",
                        selector));
  }
}
