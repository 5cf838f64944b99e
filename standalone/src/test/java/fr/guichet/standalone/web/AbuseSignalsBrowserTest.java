package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.overflowsHorizontally;
import static fr.guichet.standalone.support.Pages.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.RunningGuichet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * The box office's anti-scalping page in real browsers: a buyer who holds and releases unpaid again
 * and again raises a real signal; the manager finds it from the event's page (French), blocks the
 * account with a reason from the keyboard, the account's next hold is refused 403 {@code
 * account-blocked}, the page lists the block, the manager lifts it. The same page in English on a
 * phone's screen, and an auditor reading the lists without the actions.
 */
class AbuseSignalsBrowserTest {

  static final String SCALPER = "revendeur";
  static final String SIGNAL_ROW =
      "#signals tr[data-kind='hold-release-cycling'][data-subject='" + SCALPER + "']";

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform =
      new RunningGuichet("--guichet.abuse.releases-per-account=2");

  static String eventId;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void aBuyerHoldsAndReleasesUnpaidTwice() {
    Api api = platform.api();
    eventId = api.eventOnSale("PT10M", 4, 10);
    for (String place : List.of("ORCH-A-1", "ORCH-A-2")) {
      String orderId =
          (String)
              hold(place)
                  .expectStatus()
                  .isCreated()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("orderId");
      new Api(platform.instance())
          .as(
              SCALPER,
              "SPECTATOR",
              "POST",
              "/api/events/" + eventId + "/holds/" + orderId + "/release",
              null)
          .expectStatus()
          .is2xxSuccessful();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        api.as(
                                "manager-1",
                                "MANAGER",
                                "GET",
                                "/api/abuse-signals?eventId=" + eventId,
                                null)
                            .expectStatus()
                            .isOk()
                            .expectBodyList(Map.class)
                            .returnResult()
                            .getResponseBody())
                    .extracting(s -> s.get("kind") + " " + s.get("subject"))
                    .contains("hold-release-cycling " + SCALPER));
  }

  static ResponseSpec hold(String place) {
    // The buyer's own account (signed in with a bearer token), as a real scalper has.
    return new Api(platform.instance())
        .as(
            SCALPER,
            "SPECTATOR",
            "POST",
            "/api/events/" + eventId + "/holds",
            Map.of("placeIds", List.of(place)));
  }

  @Test
  void the_manager_sees_the_signal_in_french_blocks_the_account_then_unblocks_it() {
    WebDriver manager = browsers.open("fr-FR");
    BrowserSignIn.as(manager, platform, "gestionnaire-abus", "MANAGER");
    manager.get(platform.base() + "/manager/event.html?id=" + eventId);
    WebElement link =
        waiting(manager).until(ExpectedConditions.elementToBeClickable(By.id("abuse-link")));
    assertThat(link.getText()).isEqualTo("Revente abusive : signaux et comptes bloqués");
    link.click();

    WebElement row =
        waiting(manager)
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(SIGNAL_ROW)));
    assertThat(manager.findElement(By.tagName("h1")).getText())
        .isEqualTo("Revente abusive : signaux et comptes bloqués");
    assertThat(manager.findElement(By.cssSelector("nav a[aria-current=page]")).getText())
        .isEqualTo("Anti-revente");
    assertThat(
            new Select(manager.findElement(By.id("event-id")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo(eventId);
    assertThat(row.findElement(By.tagName("th")).getText())
        .isEqualTo("Réservations relâchées sans payer, à répétition");
    assertThat(row.getText()).contains("Compte " + SCALPER);
    assertThat(row.findElement(By.cssSelector("td.num")).getText()).isEqualTo("1");
    assertThat(row.findElement(By.cssSelector("td time")).getAttribute("datetime")).isNotBlank();
    assertThat(row.findElement(By.cssSelector("td.detail [lang=en]")).getText())
        .isEqualTo("2 holds released unpaid within PT10M.");
    assertThat(manager.findElements(By.cssSelector("#blocked tr[data-account='" + SCALPER + "']")))
        .isEmpty();
    assertThat(manager.findElement(By.id("read-only")).isDisplayed()).isFalse();
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();

    WebElement blockButton = row.findElement(By.cssSelector("[data-block='" + SCALPER + "']"));
    assertThat(blockButton.getText()).isEqualTo("Bloquer ce compte");
    assertThat(blockButton.getAttribute("aria-label"))
        .isEqualTo("Bloquer ce compte (" + SCALPER + ")");
    blockButton.sendKeys(Keys.ENTER);
    WebElement reason = manager.switchTo().activeElement();
    assertThat(reason.getAttribute("id")).startsWith("reason-");
    assertThat(
            manager
                .findElement(By.cssSelector("label[for='" + reason.getAttribute("id") + "']"))
                .getText())
        .isEqualTo("Motif du blocage de " + SCALPER);
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();
    String why = "Revente sur un site secondaire";
    reason.clear();
    reason.sendKeys(why, Keys.ENTER);

    WebElement blockedRow =
        waiting(manager)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#blocked tr[data-account='" + SCALPER + "']")));
    assertThat(blockedRow.getText()).contains(why).contains("gestionnaire-abus");
    assertThat(blockedRow.findElement(By.tagName("time")).getAttribute("datetime")).isNotBlank();
    String done =
        "Compte "
            + SCALPER
            + " bloqué : ses réservations en cours sont libérées et il ne peut plus réserver ni"
            + " payer.";
    assertThat(manager.findElement(By.id("abuse-message")).getText()).isEqualTo(done);
    waiting(manager)
        .until(ExpectedConditions.textToBe(By.cssSelector("#announcer[aria-live=polite]"), done));
    assertThat(
            manager
                .findElement(By.cssSelector(SIGNAL_ROW + " [data-blocked='" + SCALPER + "']"))
                .getText())
        .isEqualTo("Bloqué");

    hold("ORCH-A-3")
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("account-blocked")
        .jsonPath("$.reason")
        .isEqualTo(why);

    blockedRow.findElement(By.cssSelector("[data-unblock='" + SCALPER + "']")).click();
    WebElement unblockReason = manager.switchTo().activeElement();
    assertThat(unblockReason.getAttribute("id")).isEqualTo("unblock-reason-" + SCALPER);
    unblockReason.sendKeys("Explications reçues", Keys.ENTER);
    waiting(manager)
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#blocked tr[data-account='" + SCALPER + "']")));
    assertThat(manager.findElement(By.id("abuse-message")).getText())
        .isEqualTo("Compte " + SCALPER + " débloqué : il peut de nouveau réserver et payer.");
    waiting(manager)
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(SIGNAL_ROW + " [data-block='" + SCALPER + "']")));
    hold("ORCH-A-3").expectStatus().isCreated();

    // Blocking by id: an unknown account is refused in plain words, nothing is listed.
    manager.findElement(By.id("block-account")).sendKeys("inconnu-42");
    manager.findElement(By.id("block-reason")).sendKeys("Essai", Keys.ENTER);
    waiting(manager)
        .until(
            ExpectedConditions.textToBe(
                By.id("abuse-message"),
                "Aucun compte « inconnu-42 » : vérifiez l'identifiant de l'acheteur."));
    assertThat(manager.findElements(By.cssSelector("#blocked tr[data-account='inconnu-42']")))
        .isEmpty();

    // Under attack: the bot challenge on, at a higher difficulty, from the same page.
    WebElement difficulty = manager.findElement(By.id("room-difficulty"));
    assertThat(difficulty.getAttribute("value")).isEqualTo("50000");
    assertThat(manager.findElement(By.cssSelector("label[for=room-difficulty]")).getText())
        .isEqualTo("Difficulté du défi");
    manager.findElement(By.id("room-challenge")).sendKeys(Keys.SPACE);
    difficulty.clear();
    difficulty.sendKeys("200000", Keys.ENTER);
    waiting(manager)
        .until(
            ExpectedConditions.textMatches(By.id("room-message"), Pattern.compile("^Réglages.*")));
    // French groups digits with a narrow no-break space.
    assertThat(
            manager
                .findElement(By.id("room-message"))
                .getText()
                .replaceAll("[\\s\\u00a0\\u202f]", ""))
        .isEqualTo("Réglagesdelasalleenregistrés(difficultédudéfi:200000).");
    assertThat(
            manager
                .findElement(By.cssSelector("[data-kpi=difficulty] dd"))
                .getText()
                .replaceAll("\\D", ""))
        .isEqualTo("200000");
    assertThat(
            platform
                .instance()
                .http()
                .get()
                .uri("/api/events/" + eventId + "/waiting-room")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("settings"))
        .isInstanceOfSatisfying(
            Map.class,
            settings -> {
              assertThat(settings.get("challengeRequired")).isEqualTo(true);
              assertThat(((Number) settings.get("challengeDifficulty")).longValue())
                  .isEqualTo(200_000L);
              assertThat(settings.get("enabled")).isEqualTo(false);
            });
    hold("ORCH-A-4")
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("challenge-missing");
  }

  @Test
  void the_page_in_english_on_a_phone_names_the_signal_in_plain_words_without_sideways_scroll() {
    WebDriver manager = browsers.open("fr-FR");
    manager.manage().window().setSize(new Dimension(390, 844));
    manager.get(platform.base() + "/manager/abuse.html?eventId=" + eventId + "&lang=en");
    waiting(manager).until(ExpectedConditions.elementToBeClickable(By.id("staff-sign-in")));
    assertThat(manager.findElement(By.cssSelector("#main .message")).getText())
        .isEqualTo(
            "This page is for staff accounts: Box-office manager, Programming director, Auditor."
                + " Sign in with one of them to go on.");
    assertThat(manager.findElements(By.id("signals"))).isEmpty();
    BrowserSignIn.as(manager, platform, "manager-en", "MANAGER");
    manager.get(platform.base() + "/manager/abuse.html?eventId=" + eventId + "&lang=en");
    WebElement row =
        waiting(manager)
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(SIGNAL_ROW)));
    assertThat(manager.findElement(By.tagName("h1")).getText())
        .isEqualTo("Scalping: abuse signals and blocked accounts");
    assertThat(manager.findElement(By.cssSelector("label[for=event-id]")).getText())
        .isEqualTo("Event");
    assertThat(row.findElement(By.tagName("th")).getText())
        .isEqualTo("Holds repeatedly released unpaid");
    assertThat(row.getText()).contains("Account " + SCALPER);
    assertThat(row.findElement(By.cssSelector("[data-block='" + SCALPER + "']")).getText())
        .isEqualTo("Block this account");
    assertThat(manager.findElement(By.cssSelector("#block-form button[type=submit]")).getText())
        .isEqualTo("Block this account");
    assertThat(manager.findElement(By.cssSelector("label[for=block-reason]")).getText())
        .isEqualTo("Reason for the block");
    assertThat(overflowsHorizontally(manager)).isFalse();
    assertThat(Accessibility.seriousViolations(manager)).isEmpty();
  }

  @Test
  void an_auditor_reads_the_signals_and_the_blocked_accounts_without_the_actions() {
    String other = "autre-revendeur";
    String why = "Cartes volées";
    new Api(platform.instance()).tokenFor(other, "SPECTATOR");
    platform
        .api()
        .as("manager-1", "MANAGER", "PUT", "/api/blocked-accounts/" + other, Map.of("reason", why))
        .expectStatus()
        .isNoContent();

    WebDriver auditor = browsers.open("fr-FR");
    BrowserSignIn.as(auditor, platform, "auditeur-abus", "AUDITOR");
    waiting(auditor).until(ExpectedConditions.elementToBeClickable(By.linkText("Anti-revente")));
    auditor.findElement(By.linkText("Anti-revente")).click();
    waiting(auditor)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#event-id option[value='" + eventId + "']")));
    new Select(auditor.findElement(By.id("event-id"))).selectByValue(eventId);
    auditor.findElement(By.cssSelector("#filter button[type=submit]")).click();
    WebElement row =
        waiting(auditor)
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(SIGNAL_ROW)));
    assertThat(row.getText()).contains("Réservations relâchées sans payer, à répétition");
    WebElement blockedRow =
        waiting(auditor)
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#blocked tr[data-account='" + other + "']")));
    assertThat(blockedRow.getText()).contains(why).contains("manager-1");
    assertThat(auditor.getCurrentUrl()).contains("eventId=" + eventId);
    assertThat(auditor.findElement(By.id("read-only")).getText())
        .isEqualTo(
            "Lecture seule : seuls la billetterie et la direction bloquent ou débloquent un"
                + " compte.");
    assertThat(auditor.findElements(By.cssSelector("[data-block], [data-unblock]"))).isEmpty();
    assertThat(auditor.findElement(By.id("block-form")).isDisplayed()).isFalse();
    // Read in one script: the page re-renders its live tables, so elements found one call earlier
    // may already be gone (StaleElementReferenceException seen under load).
    @SuppressWarnings("unchecked")
    List<String> visibleHeaders =
        (List<String>)
            ((JavascriptExecutor) auditor)
                .executeScript(
                    "return [...document.querySelectorAll('#signals th, #blocked th')]"
                        + ".filter(th => th.getClientRects().length > 0)"
                        + ".map(th => th.textContent.trim());");
    assertThat(visibleHeaders).isNotEmpty().doesNotContain("Action");
    assertThat(Accessibility.seriousViolations(auditor)).isEmpty();
  }
}
