package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.overflowsHorizontally;
import static fr.guichet.standalone.support.StaffEventPage.addCategory;
import static fr.guichet.standalone.support.StaffEventPage.categoryCell;
import static fr.guichet.standalone.support.StaffEventPage.setValue;
import static fr.guichet.standalone.support.StaffEventPage.stage;
import static fr.guichet.standalone.support.StaffEventPage.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Pages;
import fr.guichet.standalone.support.Plans;
import fr.guichet.standalone.support.RunningGuichet;
import fr.guichet.standalone.support.SandboxBankPage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff's part of the reference scenario in real browsers: the box-office manager configures
 * the festival (seated area with "Carré Or", a standing pit, sales limits) and submits it; the
 * programming director approves it; the manager opens sales; a sale paid through the API shows on
 * the director's dashboard live, and the manager cancels and refunds it from the order search. Then
 * the rejection path, English, a phone's screen and accessibility.
 */
class StaffJourneyBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  @Test
  void the_manager_configures_the_festival_the_director_approves_and_watches_a_sale_live() {
    WebDriver manager = browsers.open("fr-FR");
    manager.get(platform.base() + "/manager/");
    actAs(manager, "gestionnaire-1");
    assertThat(manager.findElement(By.tagName("h1")).getText())
        .isEqualTo("Billetterie : événements");
    assertThat(manager.findElement(By.cssSelector("nav a[aria-current=page]")).getText())
        .isEqualTo("Billetterie");

    type(manager, "create-title-input", "Festival des Nuits d'été");
    type(manager, "create-venue", "Grande Halle");
    setValue(manager, "create-starts", "2027-07-14T20:00");
    type(manager, "create-description", "Trois nuits de musique");
    manager.findElement(By.cssSelector("#create button[type=submit]")).click();
    waiting(manager).until(ExpectedConditions.visibilityOfElementLocated(By.id("event")));
    String eventId = URI.create(manager.getCurrentUrl()).getQuery().split("id=")[1].split("&")[0];
    assertThat(manager.findElement(By.id("event-title")).getText())
        .isEqualTo("Festival des Nuits d'été");
    assertThat(stage(manager)).isEqualTo("DRAFT");

    addCategory(manager, 0, "CARRE_OR", "Carré Or", "90");
    addCategory(manager, 1, "CAT1", "Catégorie 1", "55");
    addCategory(manager, 2, "FOSSE", "Fosse", "35");
    waiting(manager)
        .until(d -> d.findElements(By.cssSelector("#gen-category option[value=CAT1]")).size() == 1);
    new Select(manager.findElement(By.id("gen-section"))).selectByValue("");
    type(manager, "gen-new-code", "ORCH");
    type(manager, "gen-new-name", "Orchestre");
    type(manager, "gen-count", "4");
    type(manager, "gen-last", "12");
    new Select(manager.findElement(By.id("gen-category"))).selectByValue("CARRE_OR");
    manager.findElement(By.cssSelector("#generator button[type=submit]")).click();
    assertThat(manager.findElement(By.id("plan-message")).getText())
        .isEqualTo("Rangs A-D ajoutés à Orchestre : 48 places.");
    new Select(manager.findElement(By.id("gen-section"))).selectByValue("ORCH");
    type(manager, "gen-start", "E");
    type(manager, "gen-count", "6");
    type(manager, "gen-last", "16");
    new Select(manager.findElement(By.id("gen-category"))).selectByValue("CAT1");
    manager.findElement(By.cssSelector("#generator button[type=submit]")).click();
    assertThat(manager.findElement(By.id("plan-message")).getText())
        .isEqualTo("Rangs E-J ajoutés à Orchestre : 96 places.");

    new Select(manager.findElement(By.id("paint-section"))).selectByValue("ORCH");
    type(manager, "paint-rows", "A");
    type(manager, "paint-first", "1");
    type(manager, "paint-last", "2");
    new Select(manager.findElement(By.id("paint-attribute"))).selectByValue("ACCESSIBLE:on");
    manager.findElement(By.cssSelector("#paint button[type=submit]")).click();
    assertThat(manager.findElement(By.id("plan-message")).getText())
        .isEqualTo("2 place(s) modifiée(s).");

    manager.findElement(By.id("add-zone")).click();
    assertThat(manager.findElement(By.id("zone-code-0")).getAttribute("value")).isEqualTo("FOSSE");
    assertThat(new Select(manager.findElement(By.id("zone-cat-0"))).getFirstSelectedOption())
        .extracting(WebElement::getText)
        .isEqualTo("Fosse (FOSSE)");
    type(manager, "zone-capacity-0", "200");
    waiting(manager)
        .until(
            ExpectedConditions.textToBe(By.id("plan-capacity"), "344 places, dont 2 accessibles."));
    assertThat(manager.findElement(By.id("plan-frame")).getAttribute("data-places"))
        .isEqualTo("344");
    assertThat(js(manager, "return guichetBuilder.preview.seatCount")).isEqualTo(144L);
    assertThat(manager.findElements(By.cssSelector("#plan-problems li"))).isEmpty();

    manager.findElement(By.id("save-plan")).click();
    waiting(manager)
        .until(ExpectedConditions.textToBe(By.id("plan-message"), "Plan de salle enregistré."));

    type(manager, "limits-hold", "10");
    type(manager, "limits-order", "6");
    type(manager, "limits-customer", "8");
    type(manager, "limits-offer", "20");
    manager.findElement(By.id("limits-late")).click();
    manager.findElement(By.cssSelector("#limits button[type=submit]")).click();
    waiting(manager)
        .until(
            ExpectedConditions.textToBe(By.id("limits-message"), "Réglages de vente enregistrés."));
    waiting(manager).until(ExpectedConditions.attributeToBe(By.id("limits-offer"), "value", "20"));
    manager.navigate().refresh();
    waiting(manager).until(ExpectedConditions.attributeToBe(By.id("limits-offer"), "value", "20"));
    waiting(manager).until(ExpectedConditions.elementToBeSelected(By.id("limits-late")));

    type(manager, "block-places", "ORCH-J-16");
    type(manager, "block-reason", "Régie son");
    manager.findElement(By.cssSelector("#block button[type=submit]")).click();
    WebElement blocked =
        waiting(manager)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#blocked-list tr[data-place='ORCH-J-16']")));
    assertThat(blocked.getText()).contains("Régie son");
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();

    manager.findElement(By.id("submit-approval")).click();
    waiting(manager).until(d -> "AWAITING_APPROVAL".equals(stage(d)));

    WebDriver director = browsers.open("fr-FR");
    director.get(platform.base() + "/director/");
    actAs(director, "directrice-1");
    WebElement card =
        waiting(director)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("article.approval[data-event='" + eventId + "']")));
    assertThat(card.getText())
        .contains(
            "Festival des Nuits d'été",
            "Plan : 344 places",
            "Carré Or",
            "90,00 €",
            "Fosse (200)",
            "Au plus 6 places par commande et 8 par client ; réservation de 10 min.");
    assertThat(Accessibility.seriousViolations(director)).isEmpty();
    card.findElement(By.cssSelector("[data-approve]")).click();
    waiting(director)
        .until(
            ExpectedConditions.textToBe(
                By.id("approval-message"), "Ventes de « Festival des Nuits d'été » validées."));

    manager.navigate().refresh();
    waiting(manager).until(d -> "APPROVED".equals(stage(d)));
    manager.findElement(By.id("open-now")).click();
    waiting(manager).until(d -> "ON_SALE".equals(stage(d)));

    director.get(platform.base() + "/director/event.html?id=" + eventId);
    waiting(director)
        .until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-live", "true"));
    assertThat(director.findElement(By.id("kpis")).getAttribute("data-sold")).isEqualTo("0");
    assertThat(categoryCell(director, "CARRE_OR", "td.sold")).isEqualTo("0");
    assertThat(Accessibility.seriousViolations(director)).isEmpty();

    assertThat(director.findElement(By.cssSelector("#discounts .no-discounts")).getText())
        .isEqualTo("Aucune réduction dans les commandes payées.");
    // Two "Carré Or" seats (no discount there in the first hour of sales) and a student's seat.
    String orderId = hold(eventId, "spectatrice-1", List.of("ORCH-A-3", "ORCH-A-4", "ORCH-E-5"));
    chooseStudentRate(orderId, "spectatrice-1", "ORCH-E-5");
    pay(orderId, "spectatrice-1");
    waiting(director).until(d -> categoryCell(d, "CARRE_OR", "td.sold").equals("2"));
    waiting(director).until(d -> categoryCell(d, "CAT1", "td.sold").equals("1"));
    assertThat(director.findElement(By.id("kpis")).getAttribute("data-sold")).isEqualTo("3");
    assertThat(categoryCell(director, "CARRE_OR", "td.revenue")).isEqualTo("180,00 €");
    assertThat(categoryCell(director, "CARRE_OR", "td.fill")).isEqualTo("4,2 %");
    assertThat(director.findElements(By.cssSelector("#chart svg path[data-series='Carré Or']")))
        .hasSize(1);
    List<WebElement> discounts = director.findElements(By.cssSelector("#discounts tbody tr"));
    assertThat(discounts).hasSize(1);
    assertThat(discounts.get(0).getAttribute("data-rule")).isEqualTo("student-discount");
    assertThat(discounts.get(0).findElements(By.cssSelector("td")))
        .extracting(WebElement::getText)
        .containsExactly("1", "11,00 €");

    manager.get(platform.base() + "/manager/orders.html?eventId=" + eventId);
    WebElement row =
        waiting(manager)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#orders tr[data-order='" + orderId + "']")));
    assertThat(row.getText())
        .contains("spectatrice-1", "ORCH-A-3, ORCH-A-4, ORCH-E-5", "Confirmée");
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();
    row.findElement(By.cssSelector("[data-cancel]")).click();
    manager.switchTo().activeElement().sendKeys("Litige bancaire");
    row.findElement(By.cssSelector(".cancel-form button[type=submit]")).click();
    waiting(manager)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("orders-message"), "Commande " + orderId + " annulée"));
    waiting(director).until(d -> categoryCell(d, "CARRE_OR", "td.sold").equals("0"));
  }

  @Test
  void the_director_sends_a_draft_back_with_a_reason_and_the_pages_speak_english_and_fit_a_phone() {
    String eventId = submittedDraft("Nuit du Jazz");
    platform
        .api()
        .as(
            "manager-2",
            "MANAGER",
            "POST",
            "/api/events/" + eventId + "/rejection",
            Map.of("reason", "self-rejection"))
        .expectStatus()
        .isForbidden();
    WebDriver director = browsers.open("en-GB");
    director.get(platform.base() + "/director/?lang=en");
    actAs(director, "director-2");
    WebElement card =
        waiting(director)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("article.approval[data-event='" + eventId + "']")));
    assertThat(director.findElement(By.tagName("h1")).getText()).isEqualTo("Programming");
    card.findElement(By.cssSelector("[data-reject]")).click();
    WebElement reason = director.switchTo().activeElement();
    assertThat(reason.getTagName()).isEqualTo("textarea");
    reason.sendKeys("Carré Or too expensive for a jazz night");
    card.findElement(By.cssSelector("button[type=submit]")).click();
    waiting(director)
        .until(
            ExpectedConditions.textToBe(
                By.id("approval-message"), "“Nuit du Jazz” sent back to the box office."));

    WebDriver manager = browsers.open("en-GB");
    manager.manage().window().setSize(new Dimension(390, 844));
    manager.get(platform.base() + "/manager/?lang=en");
    actAs(manager, "manager-2");
    WebElement listed =
        waiting(manager)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-stage-group=DRAFT] tr[data-event='" + eventId + "']")));
    assertThat(listed.getText())
        .contains("Sent back by the director: “Carré Or too expensive for a jazz night”");
    assertThat(overflowsHorizontally(manager)).isFalse();
    listed.findElement(By.tagName("a")).click();
    waiting(manager).until(ExpectedConditions.visibilityOfElementLocated(By.id("rejection")));
    assertThat(manager.findElement(By.id("plan-title")).getText())
        .isEqualTo("Seating plan and prices");
    assertThat(manager.findElement(By.id("plan-capacity")).getText())
        .isEqualTo("80 places, 10 of them accessible.");
    assertThat(overflowsHorizontally(manager)).isFalse();

    type(manager, "details-title-input", "Nuit du Jazz manouche");
    manager.findElement(By.cssSelector("#details button[type=submit]")).click();
    waiting(manager)
        .until(ExpectedConditions.textToBe(By.id("event-title"), "Nuit du Jazz manouche"));
    assertThat(manager.findElement(By.id("details-message")).getText()).isEqualTo("Details saved.");
    manager.findElement(By.id("submit-approval")).click();
    waiting(manager).until(d -> "AWAITING_APPROVAL".equals(stage(d)));
    assertThat(manager.findElement(By.id("rejection")).isDisplayed()).isFalse();
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();
  }

  @Test
  void a_manager_pauses_with_a_reason_resumes_and_closes_sales_and_spectators_stay_out() {
    String eventId = platform.api().eventOnSale("PT10M", 6, 10);
    WebDriver browser = browsers.open("fr-FR");
    browser.get(platform.base() + "/manager/event.html?id=" + eventId);
    // The page replaces its heading once it knows who is there: read it when it has settled.
    waiting(browser).until(d -> "Espace réservé".equals(d.findElement(By.tagName("h1")).getText()));
    assertThat(browser.findElements(By.id("event"))).isEmpty();
    actAs(browser, "gestionnaire-3");
    waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("event")));
    waiting(browser).until(d -> "ON_SALE".equals(stage(d)));
    browser.findElement(By.id("pause-reason")).sendKeys("Alerte orage");
    browser.findElement(By.id("pause-sales")).click();
    waiting(browser).until(d -> "PAUSED".equals(stage(d)));
    waiting(browser)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("pause-reason-shown")));
    assertThat(browser.findElement(By.id("pause-reason-shown")).getText())
        .isEqualTo("Raison : « Alerte orage »");
    browser.findElement(By.id("resume-sales")).click();
    waiting(browser).until(d -> "ON_SALE".equals(stage(d)));
    browser.findElement(By.id("close-sales")).click();
    browser.findElement(By.id("close-confirm")).click();
    waiting(browser).until(d -> "CLOSED".equals(stage(d)));
    assertThat(browser.findElement(By.id("lifecycle-state")).getText())
        .isEqualTo("Ventes closes définitivement.");
  }

  /** Drafts an event with the festival plan through the API and submits it for approval. */
  @SuppressWarnings("unchecked")
  private static String submittedDraft(String title) {
    Map<String, Object> created =
        platform
            .api()
            .as(
                "manager-2",
                "MANAGER",
                "POST",
                "/api/events",
                Map.of("title", title, "venue", "Petite Salle", "startsAt", "2027-09-01T19:00:00Z"))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String eventId = (String) created.get("eventId");
    platform
        .api()
        .as(
            "manager-2",
            "MANAGER",
            "PUT",
            "/api/events/" + eventId + "/seating-plan",
            Plans.FESTIVAL)
        .expectStatus()
        .isNoContent();
    platform
        .api()
        .as("manager-2", "MANAGER", "POST", "/api/events/" + eventId + "/approval-request", null)
        .expectStatus()
        .isNoContent();
    return eventId;
  }

  @SuppressWarnings("unchecked")
  private static String hold(String eventId, String buyer, List<String> places) {
    Map<String, Object> outcome =
        platform
            .api()
            .as(
                buyer,
                "SPECTATOR",
                "POST",
                "/api/events/" + eventId + "/holds",
                Map.of("placeIds", places))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) outcome.get("orderId");
  }

  private static void chooseStudentRate(String orderId, String buyer, String placeId) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                platform
                    .api()
                    .as(
                        buyer,
                        "SPECTATOR",
                        "POST",
                        "/api/orders/" + orderId + "/rates",
                        Map.of(
                            "tickets",
                            List.of(
                                Map.of(
                                    "placeId",
                                    placeId,
                                    "rate",
                                    "STUDENT",
                                    "studentProof",
                                    "CARTE-42"))))
                    .expectStatus()
                    .isOk());
  }

  /** Pays through the sandbox bank's page with its test card that always succeeds. */
  @SuppressWarnings("unchecked")
  private static void pay(String orderId, String buyer) {
    String key = UUID.randomUUID().toString();
    Map<String, Object>[] started = new Map[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                started[0] =
                    platform
                        .api()
                        .as(
                            buyer,
                            "SPECTATOR",
                            "POST",
                            "/api/orders/" + orderId + "/payments",
                            Map.of(
                                "holderName", "Béatrice Martin",
                                "email", "beatrice@example.org",
                                "locale", "fr"),
                            key)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody());
    String page = URI.create((String) started[0].get("paymentPageUrl")).getPath();
    SandboxBankPage.submitCard(platform.instance().http(), page, SandboxBank.CARD_SUCCESS);
  }

  /**
   * On a staff page refused to whoever is signed in: sign in with a staff account holding the
   * page's role (director pages: DIRECTOR, the others: MANAGER), then come back to the page.
   */
  private static void actAs(WebDriver browser, String actorId) {
    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("staff-sign-in")));
    String page = browser.getCurrentUrl();
    String role = page.contains("/director/") ? "DIRECTOR" : "MANAGER";
    BrowserSignIn.as(browser, platform, actorId, role);
    browser.get(page);
    waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("staff-sign-in")));
  }

  private static WebDriverWait waiting(WebDriver browser) {
    return (WebDriverWait)
        Pages.waiting(browser, Duration.ofSeconds(20))
            .ignoring(StaleElementReferenceException.class);
  }
}
