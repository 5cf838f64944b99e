package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Plans;
import fr.guichet.standalone.support.RunningGuichet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A spectator refused a hold on a sold-out category joins the waiting list from the event page,
 * sees where they stand (also after reloading the page), and once the other buyer's places come
 * back sees the link to pay for the places now held for them.
 */
class WaitingListBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  @Test
  void a_spectator_joins_the_waiting_list_of_a_sold_out_category_and_is_offered_the_places()
      throws Exception {
    String eventId = platform.api().eventOnSale(Plans.FOUR_SEATS, "PT10M", 4, 4);
    platform.awaitOnSale(eventId);
    String events = "/api/events/" + eventId;
    String aliceOrder =
        (String)
            platform
                .api()
                .json(
                    "alice",
                    "SPECTATOR",
                    "POST",
                    events + "/holds",
                    Map.of("category", "OR", "quantity", 4))
                .get("orderId");

    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "bruno", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    WebElement quantity = browser.findElement(By.id("best-quantity"));
    quantity.clear();
    quantity.sendKeys("2");
    browser.findElement(By.cssSelector("#best button[type=submit]")).click();
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("checkout-message"), "Il ne reste pas assez de places libres"));
    WebElement join =
        waiting(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("join-waitlist")));
    assertThat(join.getText()).isEqualTo("Rejoindre la liste d'attente (2 place(s), Carré Or)");
    assertThat(browser.findElement(By.id("waitlist-join-text")).getText())
        .contains("Rejoignez la liste d'attente");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    join.click();
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitlist-position"), "Vous êtes n° 1 sur la liste d'attente"));
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("waitlist");
    assertThat(browser.findElement(By.id("leave-waitlist")).isDisplayed()).isTrue();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.navigate().refresh();
    awaitPlanLive(browser);
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitlist-position"), "0 personne(s) devant vous"));

    platform
        .api()
        .json("alice", "SPECTATOR", "POST", events + "/holds/" + aliceOrder + "/release", null);
    WebElement pay =
        waiting(browser, Duration.ofSeconds(45))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("waitlist-pay")));
    assertThat(pay.getText()).matches("Vos places vous attendent — payer avant \\d\\d:\\d\\d");
    assertThat(pay.getAttribute("href")).contains("/checkout.html?order=");
    assertThat(browser.findElement(By.id("leave-waitlist")).isDisplayed()).isFalse();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    pay.click();
    waiting(browser).until(ExpectedConditions.urlContains("/checkout.html?order="));
  }
}
