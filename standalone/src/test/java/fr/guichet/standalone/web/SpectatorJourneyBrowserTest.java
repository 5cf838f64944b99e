package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.overflowsHorizontally;
import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static fr.guichet.standalone.support.SeatPlanPage.categoryFree;
import static fr.guichet.standalone.support.SeatPlanPage.clickPlace;
import static fr.guichet.standalone.support.SeatPlanPage.selected;
import static fr.guichet.standalone.support.SeatPlanPage.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.RunningGuichet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The spectator's pages in a real browser: catalog, event page, seating plan (also with 50,000
 * seats), hold, countdown, release, expiry, my orders, English, a phone's screen, accessibility.
 * Whoever holds signs in first through the account page (anonymous visitors only browse).
 */
class SpectatorJourneyBrowserTest {

  /** 100 rows of 500 seats in two categories. */
  static final String ARENA =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]},
         {"code":"C1","name":"Catégorie 1","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":5000}]}],
       "sections":[{"code":"ARENA","name":"Arène","blocks":[
         {"rows":"1-20","firstSeat":1,"lastSeat":500,"category":"OR"},
         {"rows":"21-100","firstSeat":1,"lastSeat":500,"category":"C1"}]}],
       "zones":[]}
      """;

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  @Test
  void
      a_spectator_finds_the_festival_picks_two_seats_holds_them_sees_a_rival_hold_live_and_releases() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    // Signing in lands on the catalog.
    BrowserSignIn.as(browser, platform, "nuits-fan", "SPECTATOR");
    assertThat(
            waiting(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")))
                .getText())
        .isEqualTo("Connecté : nuits-fan@guichet.test");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Programme");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
    browser.findElement(By.id("q")).sendKeys("nuits");
    browser.findElement(By.id("available")).click();
    browser.findElement(By.cssSelector("#search button[type=submit]")).click();
    WebElement link =
        waiting(browser)
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#results[aria-busy=false] a[href*='" + eventId + "']")));
    assertThat(link.getText()).isEqualTo("Festival des Nuits");
    assertThat(browser.findElement(By.id("result-count")).getText())
        .matches("\\d+ événement\\(s\\) trouvé\\(s\\)\\.");
    link.click();

    awaitPlanLive(browser);
    assertThat(browser.findElement(By.id("event-title")).getText()).isEqualTo("Festival des Nuits");
    assertThat(browser.findElement(By.id("event-description")).getText())
        .isEqualTo("Trois nuits de musique");
    assertThat(categoryFree(browser, "OR")).isEqualTo("20 sur 20");
    assertThat(
            browser.findElement(By.cssSelector("#categories tr[data-category='OR'] td")).getText())
        .isEqualTo("90,00 €");

    WebElement plan = browser.findElement(By.id("plan"));
    plan.sendKeys(Keys.ARROW_RIGHT);
    // The keyboard cursor's seat shows its tooltip: category and price.
    assertThat(
            waiting(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("tooltip")))
                .getText())
        .contains("Carré Or", "90,00 €");
    plan.sendKeys(Keys.ENTER);
    clickPlace(browser, "ORCH-A-3");
    clickPlace(browser, "ORCH-B-6");
    waiting(browser).until(d -> selected(d).size() == 3);
    assertThat(selected(browser)).containsExactly("ORCH-A-2", "ORCH-A-3", "ORCH-B-6");
    assertThat(browser.findElement(By.id("selection-total")).getText())
        .isEqualTo("Total : 270,00 €");

    platform
        .api()
        .as(
            "rival",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ORCH-B-6", "ORCH-B-7")))
        .expectStatus()
        .isCreated();
    waiting(browser).until(d -> selected(d).size() == 2);
    assertThat(stateOf(browser, "ORCH-B-6")).isEqualTo(1L);
    assertThat(stateOf(browser, "ORCH-B-7")).isEqualTo(1L);
    assertThat(browser.findElement(By.id("checkout-message")).getText())
        .contains("vient d'être prise par quelqu'un d'autre");
    waiting(browser).until(d -> categoryFree(d, "OR").equals("18 sur 20"));
    clickPlace(browser, "ORCH-B-7");
    assertThat(selected(browser)).containsExactly("ORCH-A-2", "ORCH-A-3");

    WebDriver neighbour = browsers.open("fr-FR");
    neighbour.get(platform.base() + "/event.html?id=" + eventId);
    awaitPlanLive(neighbour);
    assertThat(stateOf(neighbour, "ORCH-A-2")).isEqualTo(0L);

    browser.findElement(By.id("hold")).click();
    WebElement checkout =
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(checkout.findElements(By.cssSelector("#held-places li")))
        .extracting(li -> li.getAttribute("data-place"))
        .containsExactlyInAnyOrder("ORCH-A-2", "ORCH-A-3");
    String countdown = browser.findElement(By.id("countdown")).getText();
    assertThat(countdown).matches("(10:00|09:[0-5]\\d)");
    waiting(browser).until(d -> !d.findElement(By.id("countdown")).getText().equals(countdown));
    assertThat(browser.findElement(By.id("checkout-status")).getText())
        .startsWith("En attente de paiement");
    waiting(browser).until(d -> categoryFree(d, "OR").equals("16 sur 20"));
    waiting(neighbour).until(d -> stateOf(d, "ORCH-A-2") == 1L && stateOf(d, "ORCH-A-3") == 1L);
    assertThat(categoryFree(neighbour, "OR")).isEqualTo("16 sur 20");

    browser.findElement(By.id("release")).click();
    waiting(browser)
        .until(
            ExpectedConditions.textToBe(By.id("checkout-message"), "Vos places ont été libérées."));
    assertThat(browser.findElement(By.id("checkout")).isDisplayed()).isFalse();
    waiting(browser).until(d -> stateOf(d, "ORCH-A-2") == 0L && stateOf(d, "ORCH-A-3") == 0L);
    waiting(browser).until(d -> categoryFree(d, "OR").equals("18 sur 20"));

    browser.findElement(By.linkText("Mes commandes")).click();
    WebElement row =
        waiting(browser)
            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#orders tbody tr")));
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#orders tbody tr .places"),
                "Orchestre, rang A, place 2 ; Orchestre, rang A, place 3"));
    assertThat(row.getText()).contains("Festival des Nuits");
    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#orders tbody tr .status"), "Annulée"));
  }

  @Test
  void a_hold_that_runs_out_shows_a_clear_message_and_frees_the_places() {
    String eventId = platform.api().eventOnSale("PT6S", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "late-payer", "SPECTATOR", "/event.html?id=" + eventId);
    awaitPlanLive(browser);

    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("best-category")))
        .selectByValue("OR");
    WebElement quantity = browser.findElement(By.id("best-quantity"));
    quantity.clear();
    quantity.sendKeys("2");
    browser.findElement(By.cssSelector("#best button[type=submit]")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(browser.findElements(By.cssSelector("#held-places li"))).hasSize(2);

    waiting(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("checkout-message"), "votre réservation a expiré"));
    assertThat(browser.findElement(By.id("checkout")).isDisplayed()).isFalse();
    waiting(browser).until(d -> categoryFree(d, "OR").equals("20 sur 20"));
  }

  @Test
  void the_pages_speak_english_on_request_and_stand_places_are_held_by_quantity() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(
        browser, platform, "pit-goer", "SPECTATOR", "/event.html?id=" + eventId + "&lang=en");
    awaitPlanLive(browser);
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(browser.findElement(By.id("plan-title")).getText()).isEqualTo("Seating plan");
    assertThat(categoryFree(browser, "STD")).isEqualTo("50 of 50");

    WebElement pit = browser.findElement(By.id("zone-quantity-FOSSE"));
    pit.clear();
    pit.sendKeys("3");
    browser.findElement(By.cssSelector("form[data-zone-form='FOSSE'] button")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(browser.findElements(By.cssSelector("#held-places li"))).hasSize(3);
    assertThat(browser.findElement(By.id("checkout-title")).getText())
        .isEqualTo("Your places are held");
    waiting(browser).until(d -> categoryFree(d, "STD").equals("47 of 50"));

    browser.findElement(By.id("lang-switch")).click();
    waiting(browser)
        .until(d -> "fr".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    awaitPlanLive(browser);
    WebElement resumed =
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(resumed.findElement(By.tagName("h2")).getText())
        .isEqualTo("Vos places sont réservées");
  }

  @Test
  void the_catalog_the_event_page_and_my_orders_have_no_serious_accessibility_violations() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");

    browser.get(platform.base() + "/account.html");
    waiting(browser)
        .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
    // Signing in lands on the catalog.
    BrowserSignIn.as(browser, platform, "careful-reader", "SPECTATOR");
    waiting(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results li")));
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.get(platform.base() + "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    clickPlace(browser, "ORCH-A-1");
    waiting(browser).until(d -> selected(d).size() == 1);
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
    browser.findElement(By.id("hold")).click();
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();

    browser.get(platform.base() + "/orders.html?lang=en");
    waiting(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#orders tbody tr")));
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
  }

  @Test
  void on_a_phone_the_pages_fit_the_screen_and_seats_can_still_be_picked() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    platform.awaitOnSale(eventId);
    WebDriver browser = browsers.open("fr-FR");
    browser.manage().window().setSize(new Dimension(390, 844));

    browser.get(platform.base() + "/");
    waiting(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results li")));
    assertThat(overflowsHorizontally(browser)).isFalse();

    browser.get(platform.base() + "/event.html?id=" + eventId);
    awaitPlanLive(browser);
    assertThat(overflowsHorizontally(browser)).isFalse();
    clickPlace(browser, "ORCH-B-4");
    waiting(browser).until(d -> selected(d).equals(List.of("ORCH-B-4")));

    // The accessible-seat filter: only row C (accessible) can be picked while it is on.
    browser.findElement(By.cssSelector("label[for='accessible-only']")).click();
    clickPlace(browser, "ORCH-B-5");
    clickPlace(browser, "ORCH-C-5");
    waiting(browser).until(d -> selected(d).contains("ORCH-C-5"));
    assertThat(selected(browser)).doesNotContain("ORCH-B-5");
  }

  @Test
  void fifty_thousand_seats_draw_within_a_frame_budget_and_follow_live_changes() {
    String eventId = platform.api().eventOnSale(ARENA, "PT10M", 10, 10);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                platform
                    .instance()
                    .http()
                    .get()
                    .uri("/api/events/" + eventId + "/seat-map")
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .is2xxSuccessful());
    WebDriver browser = browsers.open("fr-FR");
    browser.get(platform.base() + "/event.html?id=" + eventId);
    waiting(browser, Duration.ofSeconds(60))
        .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-live", "true"));
    assertThat(js(browser, "return guichetPlan.plan.seatCount")).isEqualTo(50_000L);

    double wholePlan = medianDrawMillis(browser);
    js(browser, "guichetPlan.plan.zoomBy(6)");
    double zoomedIn = medianDrawMillis(browser);
    System.out.printf(
        "50,000-seat plan: whole plan drawn in %.1f ms, zoomed in %.1f ms (median of 7)%n",
        wholePlan, zoomedIn);
    assertThat(wholePlan).isLessThan(100);
    assertThat(zoomedIn).isLessThan(100);

    platform
        .api()
        .as(
            "rival",
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of("ARENA-50-250", "ARENA-50-251")))
        .expectStatus()
        .isCreated();
    waiting(browser, Duration.ofSeconds(10))
        .until(d -> ((Number) js(d, "return guichetPlan.stateOf('ARENA-50-251')")).intValue() == 1);
    waiting(browser).until(d -> categoryFree(d, "C1").equals("39998 sur 40000"));
  }

  private static double medianDrawMillis(WebDriver browser) {
    @SuppressWarnings("unchecked")
    List<Number> times =
        (List<Number>)
            js(
                browser,
                "const times = [];"
                    + " for (let k = 0; k < 7; k++) {"
                    + "   const t0 = performance.now(); guichetPlan.plan.draw();"
                    + "   guichetPlan.plan.ctx.getImageData(0, 0, 1, 1);"
                    + "   times.push(performance.now() - t0); }"
                    + " return times.sort((a, b) => a - b);");
    return times.get(3).doubleValue();
  }
}
