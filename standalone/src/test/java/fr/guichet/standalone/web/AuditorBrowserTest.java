package fr.guichet.standalone.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Pages;
import fr.guichet.standalone.support.RunningGuichet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The auditor's pages in a real browser: the global stream filtered by type with each event's
 * payload and metadata, the JSON Lines export of that filter, one aggregate's ordered stream, the
 * seating at an instant and an order's price explanation; a spectator sees no audit link and is
 * refused the page.
 */
class AuditorBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  static String eventId;
  static String orderId;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void anEventOnSaleWithAHold() {
    eventId = platform.api().eventOnSale("PT10M", 6, 10);
    orderId =
        (String)
            platform
                .api()
                .as(
                    "audited-buyer",
                    "SPECTATOR",
                    "POST",
                    "/api/events/" + eventId + "/holds",
                    Map.of("placeIds", List.of("ORCH-A-1", "ORCH-A-2")))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("orderId");
  }

  @Test
  void an_auditor_filters_the_stream_reads_payload_and_metadata_exports_and_follows_an_aggregate() {
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "auditrice", "AUDITOR");
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.linkText("Journal d'audit")))
        .click();
    waiting(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#stream tbody tr")));

    browser.findElement(By.id("stream-type")).sendKeys("SalesOpenedEvent");
    browser.findElement(By.cssSelector("#stream-form button[type=submit]")).click();
    waiting(browser)
        .until(
            d ->
                d.findElements(By.cssSelector("#stream tbody tr")).size() == 1
                    && "SalesOpenedEvent"
                        .equals(
                            d.findElement(By.cssSelector("#stream tbody tr"))
                                .getAttribute("data-type")));
    WebElement row = browser.findElement(By.cssSelector("#stream tbody tr"));
    assertThat(row.getText()).contains(eventId).contains("MANAGER");
    row.findElement(By.tagName("summary")).click();
    List<String> json =
        row.findElements(By.cssSelector("pre.json")).stream().map(WebElement::getText).toList();
    assertThat(json.get(0)).contains("\"eventId\": \"" + eventId + "\"");
    assertThat(json.get(1)).contains("\"actorRole\": \"MANAGER\"").contains("\"requestId\"");
    assertThat(browser.findElement(By.id("stream-count")).getText())
        .isEqualTo("1 événement(s) affiché(s).");

    String export = browser.findElement(By.id("export")).getAttribute("href");
    assertThat(export).contains("/api/audit/events/export?type=SalesOpenedEvent");
    String lines =
        (String)
            ((JavascriptExecutor) browser)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0], {credentials: 'same-origin'})"
                        + " .then(r => r.text()).then(done, e => done('failed: ' + e));",
                    export);
    assertThat(lines.lines().toList())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"type\":\"SalesOpenedEvent\""));

    row.findElement(By.cssSelector("a[data-aggregate='" + eventId + "']")).click();
    waiting(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#aggregate-events li")));
    List<WebElement> stream = browser.findElements(By.cssSelector("#aggregate-events li"));
    assertThat(stream.get(0).getAttribute("data-type")).isEqualTo("EventCreatedEvent");
    assertThat(stream)
        .extracting(li -> Long.parseLong(li.getAttribute("data-sequence")))
        .isSorted()
        .startsWith(0L);
    assertThat(stream)
        .extracting(li -> li.getAttribute("data-type"))
        .contains("SalesOpenedEvent", "PlacesHeldEvent");

    browser.findElement(By.id("seating-event")).sendKeys(eventId);
    browser.findElement(By.cssSelector("#seating-form button")).click();
    waiting(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#seating tbody tr[data-place='ORCH-A-1']")));
    assertThat(
            browser
                .findElement(By.cssSelector("#seating tbody tr[data-place='ORCH-A-1']"))
                .getText())
        .contains("tenue")
        .contains(orderId);

    browser.findElement(By.id("price-order")).sendKeys(orderId);
    browser.findElement(By.cssSelector("#price-form button")).click();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              WebElement summary = browser.findElement(By.id("price-summary"));
              assertThat(summary.getText()).startsWith("Total ");
            });
    assertThat(browser.findElements(By.cssSelector("#price-tickets > li"))).hasSize(2);
    assertThat(Accessibility.seriousViolations(browser)).isEmpty();
  }

  @Test
  void a_spectator_has_no_audit_link_and_the_page_refuses_them() {
    WebDriver browser = browsers.open("fr-FR");
    BrowserSignIn.as(browser, platform, "curious-buyer", "SPECTATOR");
    assertThat(browser.findElements(By.linkText("Journal d'audit"))).isEmpty();
    browser.get(platform.base() + "/audit.html");
    waiting(browser)
        .until(
            ExpectedConditions.textToBe(
                By.id("audit-message"),
                "Le journal d'audit est réservé aux comptes AUDITOR, DIRECTOR et MANAGER."));
    assertThat(browser.findElement(By.id("stream-section")).isDisplayed()).isFalse();
  }

  private static WebDriverWait waiting(WebDriver browser) {
    return Pages.waiting(browser, Duration.ofSeconds(20));
  }
}
