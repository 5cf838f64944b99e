package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Onsale;
import fr.guichet.standalone.support.RunningGuichet;
import fr.guichet.standalone.support.Visitor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The buyer's waiting room on the event page: while the manager has the room (and the bot
 * challenge) on, a spectator joins the queue from the page (the browser solves the proof of work),
 * is admitted, and holds through the page, which sends the admission token and a fresh hold
 * solution; a visitor who joins before the room opens sees that the order will be drawn then.
 */
class WaitingRoomBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  private static Map<String, Object> roomWithChallenge(int admitPerMinute, String opensAt) {
    Map<String, Object> settings = Onsale.room(admitPerMinute, opensAt);
    settings.put("challengeRequired", true);
    settings.put("challengeDifficulty", 1000);
    return settings;
  }

  @Test
  void a_spectator_queues_from_the_event_page_is_admitted_and_holds_with_the_token() {
    String eventId = platform.api().eventOnSale("PT10M", 4, 4);
    platform.awaitOnSale(eventId);
    new Onsale(platform.api().http()).configure(eventId, roomWithChallenge(6000, null));

    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "queue-fan", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    WebElement join =
        waiting(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("waitroom-join")));
    assertThat(join.getText()).isEqualTo("Rejoindre la file");
    assertThat(browser.findElement(By.id("waitroom-intro")).getText()).contains("file d'attente");
    assertThat(browser.findElement(By.id("booking-locked")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.cssSelector("#best button[type=submit]")).isEnabled())
        .isFalse();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    join.click();
    waiting(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-title"), "C'est à vous"));
    assertThat(browser.findElement(By.id("waitroom-status")).getText())
        .matches("Vous pouvez réserver jusqu'à \\d\\d:\\d\\d \\(encore \\d+ min\\)\\.");
    assertThat(browser.findElement(By.id("booking-locked")).isDisplayed()).isFalse();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    // A reload within the token's lifetime keeps the admission.
    browser.navigate().refresh();
    awaitPlanLive(browser);
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-title"), "C'est à vous"));
    WebElement best =
        waiting(browser)
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#best button[type=submit]")));
    best.click();
    WebElement checkout =
        waiting(browser, Duration.ofSeconds(30))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(browser.findElements(By.cssSelector("#held-places li"))).hasSize(2);
    assertThat(browser.switchTo().activeElement()).isEqualTo(checkout);
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
  }

  @Test
  void a_queued_visitor_sees_their_position_and_wait_and_is_admitted_live() {
    String eventId = platform.api().eventOnSale("PT10M", 4, 4);
    platform.awaitOnSale(eventId);
    Onsale onsale = new Onsale(platform.api().http());
    onsale.configure(eventId, Onsale.room(1, null));
    for (int i = 0; i < 3; i++) {
      new Visitor(platform.api().http(), "ahead-" + i).joined(eventId);
    }

    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "patient", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("waitroom-join"))).click();
    waiting(browser)
        .until(
            ExpectedConditions.textMatches(
                By.id("waitroom-status"),
                Pattern.compile(
                    "Vous êtes n° \\d+ dans la file : \\d+ personne\\(s\\) devant vous\\.")));
    assertThat(browser.findElement(By.id("waitroom-wait")).getText())
        .matches("Attente estimée : environ \\d+ min\\.");
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    // The manager speeds the room up: the page sees its turn come without a reload.
    onsale.configure(eventId, Onsale.room(6000, null));
    waiting(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-title"), "C'est à vous"));
    assertThat(browser.findElement(By.cssSelector("#best button[type=submit]")).isEnabled())
        .isTrue();
  }

  @Test
  void a_visitor_who_joins_before_the_opening_is_told_the_order_will_be_drawn() {
    String eventId = platform.api().eventOnSale("PT10M", 4, 4);
    platform.awaitOnSale(eventId);
    Instant opensAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    new Onsale(platform.api().http())
        .configure(eventId, roomWithChallenge(6000, opensAt.toString()));

    WebDriver browser = browsers.open("fr-FR");
    // Not signed in: the room, and the way to sign in to join it.
    browser.get(platform.base() + "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    WebElement signIn =
        waiting(browser)
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("waitroom-sign-in")));
    assertThat(signIn.getAttribute("href")).contains("/account.html?next=");
    assertThat(browser.findElement(By.id("waitroom-join")).isDisplayed()).isFalse();
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    BrowserSignIn.as(browser, platform, "early-bird", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-intro"), "l'ordre sera tiré au sort à l'ouverture"));
    assertThat(browser.findElement(By.id("waitroom-intro")).getText())
        .matches("La file ouvre à \\d\\d:\\d\\d ; rejoignez-la maintenant, .*");
    browser.findElement(By.id("waitroom-join")).click();
    waiting(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-status"), "l'ordre de passage sera alors tiré au sort"));
    assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("waitroom");
    assertThat(js(browser, "return document.getElementById('waitroom').dataset.state"))
        .isEqualTo("PRE_QUEUED");
    assertThat(browser.findElement(By.id("waitroom-join")).isDisplayed()).isFalse();
    // The place is followed live: the browser's session cookie opens the server-sent stream.
    waiting(browser)
        .until(
            d ->
                Long.valueOf(1)
                    .equals(
                        js(
                            d,
                            "const room = window.guichetWaitingRoom;"
                                + " return room.stream ? room.stream.readyState : -1")));
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    // Coming back keeps the place.
    browser.navigate().refresh();
    awaitPlanLive(browser);
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("waitroom-status"), "tiré au sort"));
  }
}
