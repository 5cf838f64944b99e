package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Onsale;
import fr.guichet.standalone.support.RunningGuichet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admission's limits as the event page lives them, on a platform whose tokens last 5 seconds
 * and admissions 30: a hold refused because the token expired is sent again once with a fresh token
 * from the visitor's place, and once the admission window is over the page offers to queue again.
 */
class WaitingRoomAdmissionBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform =
      new RunningGuichet(
          "--guichet.waiting-room.token-ttl=PT5S", "--guichet.waiting-room.admission-window=PT30S");

  @Test
  void an_expired_token_is_renewed_once_and_the_end_of_the_admission_offers_to_queue_again()
      throws Exception {
    String eventId = platform.api().eventOnSale("PT10M", 4, 4);
    platform.awaitOnSale(eventId);
    Map<String, Object> settings = Onsale.room(6000, null);
    settings.put("challengeRequired", true);
    settings.put("challengeDifficulty", 1000);
    new Onsale(platform.api().http()).configure(eventId, settings);

    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "late-payer", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("waitroom-join"))).click();
    waiting(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-title"), "C'est à vous"));

    // The page believes its token fresh, so it does not renew it before holding: the server
    // refuses the expired token (admission-expired) and the page renews it and holds again.
    js(browser, "window.guichetWaitingRoom.admission.tokenExpiresAt = Date.now() + 600000");
    Thread.sleep(6000);
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#best button[type=submit]")))
        .click();
    waiting(browser, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(browser.findElements(By.cssSelector("#held-places li"))).hasSize(2);

    // The admission window closes: the page says so and offers to queue again.
    waiting(browser, Duration.ofSeconds(60))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-join"), "Rejoindre la file à nouveau"));
    assertThat(browser.findElement(By.id("waitroom-status")).getText())
        .contains("Votre temps pour réserver est écoulé");
    assertThat(browser.findElement(By.id("booking-locked")).isDisplayed()).isTrue();
  }
}
