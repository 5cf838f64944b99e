package fr.guichet.standalone.web;

import static fr.guichet.standalone.support.Pages.js;
import static fr.guichet.standalone.support.Pages.waiting;
import static fr.guichet.standalone.support.SeatPlanPage.HELD;
import static fr.guichet.standalone.support.SeatPlanPage.SOLD;
import static fr.guichet.standalone.support.SeatPlanPage.awaitPlanLive;
import static fr.guichet.standalone.support.SeatPlanPage.categoryFree;
import static fr.guichet.standalone.support.SeatPlanPage.clickPlace;
import static fr.guichet.standalone.support.SeatPlanPage.selected;
import static fr.guichet.standalone.support.SeatPlanPage.stateOf;
import static fr.guichet.standalone.support.StaffEventPage.addCategory;
import static fr.guichet.standalone.support.StaffEventPage.categoryCell;
import static fr.guichet.standalone.support.StaffEventPage.setValue;
import static fr.guichet.standalone.support.StaffEventPage.stage;
import static fr.guichet.standalone.support.StaffEventPage.type;
import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.payment.sandbox.SandboxBank;
import fr.guichet.standalone.support.Accessibility;
import fr.guichet.standalone.support.Api;
import fr.guichet.standalone.support.BrowserSignIn;
import fr.guichet.standalone.support.Browsers;
import fr.guichet.standalone.support.Mailbox;
import fr.guichet.standalone.support.RunningGuichet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The reference scenario of the brief in one run, every role in its own real browser and through
 * the pages: the box-office manager creates the festival, draws its seating plan ("Carré Or" rows,
 * "Catégorie 1" rows, a standing pit), prices it, sets the sales limits and submits it; the
 * programming director approves; the manager opens sales; a spectator (a newcomer who signs up and
 * confirms the address from the developer mailbox page, or a returning one who signs in) picks two
 * "Carré Or" seats on the plan, names the holders, takes the student rate for one of them with a
 * proof reference, pays on the sandbox bank's page with its success card and sees the confirmation,
 * while another spectator's page shows the two seats held, then sold, without a reload; the buyer
 * finds the tickets mail with its two QR codes in the mailbox page; door staff admit one ticket on
 * the scanner page and are refused the second scan with when and where it was admitted; the
 * director's dashboard counts the sale at what was paid (162 €). Once in French, once in English.
 *
 * <p>No page exists to open staff accounts (a director or an import does it), so the manager,
 * director and door accounts are opened through the account service; everything else goes through
 * the pages.
 */
class ReferenceScenarioBrowserTest {

  @RegisterExtension
  @Order(1)
  static final Browsers browsers = new Browsers();

  @RegisterExtension
  @Order(2)
  static final RunningGuichet platform = new RunningGuichet();

  /** What the pages say at each step, in one language. */
  record Speech(
      String browserLanguage,
      String title,
      String managerHeading,
      String rowsAdded,
      String planSaved,
      String limitsSaved,
      String pitOnApprovalCard,
      String approved,
      String planHeading,
      String heldHeading,
      String firstTicketLegend,
      String pricesUpdated,
      String payButton,
      String confirmed,
      String holder,
      String mailSubject,
      String mailPlace,
      String scannerHeading,
      String admitted,
      String alreadyAdmitted,
      String studentDiscount,
      String categoryFreeAfterSale,
      String revenueLabel,
      String paidRevenue) {}

  static final Speech FRENCH =
      new Speech(
          "fr-FR",
          "Festival des Nuits d'été",
          "Billetterie : événements",
          "Rangs A-D ajoutés à Orchestre : 48 places.",
          "Plan de salle enregistré.",
          "Réglages de vente enregistrés.",
          "Fosse (200)",
          "Ventes de « Festival des Nuits d'été » validées.",
          "Plan de salle",
          "Vos places sont réservées",
          "Billet 1 : Orchestre, rang A, place 5 — Carré Or",
          "Prix mis à jour. Total : 162,00 €.",
          "Payer 162,00 €",
          "Commande confirmée",
          "Titulaire : Alice Martin",
          "Vos billets — commande ",
          "Orchestre, rang A, place 5",
          "Contrôle des billets",
          "Entrée autorisée — Orchestre, rang A, place 5 — Alice Martin",
          "Déjà entré le \\d\\d/\\d\\d/\\d{4} à \\d\\d:\\d\\d:\\d\\d par porte-nord — Orchestre, rang A, place 5 — Alice Martin",
          "18,00 €",
          "46 sur 48",
          "Recette encaissée",
          "162,00 €");

  static final Speech ENGLISH =
      new Speech(
          "en-GB",
          "Summer Nights Festival",
          "Box office: events",
          "Rows A-D added to Orchestre: 48 seats.",
          "Seating plan saved.",
          "Sales settings saved.",
          "Pit (200)",
          "Sales of “Summer Nights Festival” approved.",
          "Seating plan",
          "Your places are held",
          "Ticket 1: Orchestre, row A, seat 5 — Carré Or",
          "Prices updated. Total: €162.00.",
          "Pay €162.00",
          "Order confirmed",
          "Holder: Alice Martin",
          "Your tickets — order ",
          "Orchestre, row A, seat 5",
          "Ticket check",
          "Admitted — Orchestre, row A, seat 5 — Alice Martin",
          "Already admitted on \\d\\d/\\d\\d/\\d{4} at \\d\\d:\\d\\d:\\d\\d through porte-nord — Orchestre, row A, seat 5 — Alice Martin",
          "€18.00",
          "46 of 48",
          "Paid revenue",
          "€162.00");

  @Test
  void in_french_a_newcomer_buys_two_carre_or_seats_of_a_festival_the_staff_set_up_and_gets_in()
      throws Exception {
    walk(FRENCH, "fr", true);
  }

  @Test
  void in_english_a_returning_spectator_walks_the_same_scenario() throws Exception {
    walk(ENGLISH, "en", false);
  }

  private void walk(Speech say, String suffix, boolean signUp) throws Exception {
    String base = platform.base();

    // The box-office manager creates the festival and configures it.
    WebDriver manager = browsers.open(say.browserLanguage());
    manager.get(base + "/manager/");
    staffSignIn(manager, "gestionnaire-" + suffix, "MANAGER");
    assertThat(manager.findElement(By.tagName("h1")).getText()).isEqualTo(say.managerHeading());
    type(manager, "create-title-input", say.title());
    type(manager, "create-venue", "Grande Halle");
    setValue(manager, "create-starts", "2027-07-14T20:00");
    type(manager, "create-description", "Trois nuits de musique");
    manager.findElement(By.cssSelector("#create button[type=submit]")).click();
    waiting(manager).until(ExpectedConditions.visibilityOfElementLocated(By.id("event")));
    String eventId = URI.create(manager.getCurrentUrl()).getQuery().split("id=")[1].split("&")[0];
    assertThat(manager.findElement(By.id("event-title")).getText()).isEqualTo(say.title());

    addCategory(manager, 0, "OR", "Carré Or", "90");
    addCategory(manager, 1, "CAT1", "Catégorie 1", "55");
    addCategory(manager, 2, "FOSSE", "Fosse", "35");
    waiting(manager)
        .until(d -> d.findElements(By.cssSelector("#gen-category option[value=CAT1]")).size() == 1);
    new Select(manager.findElement(By.id("gen-section"))).selectByValue("");
    type(manager, "gen-new-code", "ORCH");
    type(manager, "gen-new-name", "Orchestre");
    type(manager, "gen-count", "4");
    type(manager, "gen-last", "12");
    new Select(manager.findElement(By.id("gen-category"))).selectByValue("OR");
    manager.findElement(By.cssSelector("#generator button[type=submit]")).click();
    assertThat(manager.findElement(By.id("plan-message")).getText()).isEqualTo(say.rowsAdded());
    new Select(manager.findElement(By.id("gen-section"))).selectByValue("ORCH");
    type(manager, "gen-start", "E");
    type(manager, "gen-count", "6");
    type(manager, "gen-last", "16");
    new Select(manager.findElement(By.id("gen-category"))).selectByValue("CAT1");
    manager.findElement(By.cssSelector("#generator button[type=submit]")).click();
    manager.findElement(By.id("add-zone")).click();
    type(manager, "zone-capacity-0", "200");
    waiting(manager)
        .until(ExpectedConditions.attributeToBe(By.id("plan-frame"), "data-places", "344"));
    manager.findElement(By.id("save-plan")).click();
    waiting(manager).until(ExpectedConditions.textToBe(By.id("plan-message"), say.planSaved()));

    type(manager, "limits-hold", "10");
    type(manager, "limits-order", "6");
    type(manager, "limits-customer", "8");
    manager.findElement(By.cssSelector("#limits button[type=submit]")).click();
    waiting(manager).until(ExpectedConditions.textToBe(By.id("limits-message"), say.limitsSaved()));
    manager.findElement(By.id("submit-approval")).click();
    waiting(manager).until(d -> "AWAITING_APPROVAL".equals(stage(d)));

    // The programming director approves the opening of sales.
    WebDriver director = browsers.open(say.browserLanguage());
    director.get(base + "/director/");
    staffSignIn(director, "directrice-" + suffix, "DIRECTOR");
    WebElement card =
        waiting(director)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("article.approval[data-event='" + eventId + "']")));
    assertThat(card.getText()).contains(say.title(), "Carré Or", say.pitOnApprovalCard());
    card.findElement(By.cssSelector("[data-approve]")).click();
    waiting(director).until(ExpectedConditions.textToBe(By.id("approval-message"), say.approved()));

    // The manager opens sales.
    manager.navigate().refresh();
    waiting(manager).until(d -> "APPROVED".equals(stage(d)));
    manager.findElement(By.id("open-now")).click();
    waiting(manager).until(d -> "ON_SALE".equals(stage(d)));

    // The spectator: a newcomer confirms the address from the mailbox page, or signs in.
    WebDriver buyer = browsers.open(say.browserLanguage());
    String eventPage = "/event.html?id=" + eventId;
    if (signUp) {
      signUpThroughTheMailbox(buyer, "camille." + suffix + "@example.org", eventPage);
    } else {
      BrowserSignIn.as(buyer, platform, "returning-" + suffix, "SPECTATOR");
    }
    WebDriver neighbour = browsers.open(say.browserLanguage());
    neighbour.get(base + eventPage);
    buyer.get(base + eventPage);
    awaitPlanLive(buyer);
    awaitPlanLive(neighbour);
    assertThat(buyer.findElement(By.id("plan-title")).getText()).isEqualTo(say.planHeading());
    assertThat(buyer.findElement(By.id("event-title")).getText()).isEqualTo(say.title());

    clickPlace(buyer, "ORCH-A-5");
    clickPlace(buyer, "ORCH-A-6");
    waiting(buyer).until(d -> selected(d).size() == 2);
    assertThat(selected(buyer)).containsExactly("ORCH-A-5", "ORCH-A-6");
    buyer.findElement(By.id("hold")).click();
    waiting(buyer).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkout")));
    assertThat(buyer.findElement(By.id("checkout-title")).getText()).isEqualTo(say.heldHeading());
    assertThat(buyer.findElement(By.id("countdown")).getText()).matches("(10:00|09:[0-5]\\d)");
    waiting(neighbour).until(d -> stateOf(d, "ORCH-A-5") == HELD && stateOf(d, "ORCH-A-6") == HELD);
    // Nobody else can pick them meanwhile: the other spectator's click on one is refused.
    clickPlace(neighbour, "ORCH-A-5");
    clickPlace(neighbour, "ORCH-A-7");
    waiting(neighbour).until(d -> selected(d).size() == 1);
    assertThat(selected(neighbour)).containsExactly("ORCH-A-7");

    // Checkout: holder names, the student rate with its proof, then the sandbox bank.
    buyer.findElement(By.id("go-pay")).click();
    waiting(buyer, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("pay-body")));
    String orderId = (String) js(buyer, "return guichetCheckout.orderId");
    assertThat(buyer.findElement(By.cssSelector("fieldset.ticket-form legend")).getText())
        .isEqualTo(say.firstTicketLegend());
    buyer.findElement(By.id("t0-holder")).sendKeys("Alice Martin");
    buyer.findElement(By.id("t1-holder")).sendKeys("Bruno Martin");
    buyer.findElement(By.cssSelector("label[for='t1-rate-STUDENT']")).click();
    waiting(buyer)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("t1-proof")))
        .sendKeys("CARTE-ETU-42");
    buyer.findElement(By.id("apply-rates")).click();
    waiting(buyer).until(ExpectedConditions.textToBe(By.id("rates-message"), say.pricesUpdated()));
    buyer.findElement(By.id("pay-email")).sendKeys("alice." + suffix + "@example.org");
    WebElement pay = buyer.findElement(By.id("pay-submit"));
    assertThat(pay.getText()).isEqualTo(say.payButton());
    pay.click();
    waiting(buyer).until(ExpectedConditions.urlContains("/sandbox-bank/pay/"));
    buyer.findElement(By.name("card")).sendKeys(SandboxBank.CARD_SUCCESS);
    buyer.findElement(By.cssSelector("form button")).click();
    waiting(buyer)
        .until(ExpectedConditions.attributeToBe(By.id("outcome"), "data-outcome", "SUCCEEDED"));
    buyer.findElement(By.id("return")).click();

    waiting(buyer).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-done")));
    assertThat(buyer.findElement(By.id("confirm-title")).getText()).isEqualTo(say.confirmed());
    assertThat(buyer.findElement(By.id("confirm-tickets")).getText()).contains(say.holder());
    @SuppressWarnings("unchecked")
    List<String> codes =
        (List<String>)
            js(
                buyer,
                "return [...document.querySelectorAll('#confirm-tickets .ticket')]"
                    + ".map(li => li.dataset.code)");
    assertThat(codes).hasSize(2);

    // The other spectator's page shows the seats sold, never reloaded.
    waiting(neighbour).until(d -> stateOf(d, "ORCH-A-5") == SOLD && stateOf(d, "ORCH-A-6") == SOLD);
    waiting(neighbour).until(d -> categoryFree(d, "OR").equals(say.categoryFreeAfterSale()));

    // The confirmation mail in the mailbox page: two QR codes, the tickets' codes.
    buyer.get(base + "/dev/mailbox");
    WebElement mail =
        waiting(buyer, Duration.ofSeconds(30))
            .pollingEvery(Duration.ofMillis(300))
            .until(
                d -> {
                  List<WebElement> links =
                      d.findElements(By.partialLinkText(say.mailSubject() + orderId));
                  if (links.isEmpty()) {
                    d.navigate().refresh();
                    return null;
                  }
                  return links.get(0);
                });
    mail.click();
    waiting(buyer).until(ExpectedConditions.presenceOfElementLocated(By.tagName("img")));
    assertThat(buyer.findElement(By.tagName("body")).getText())
        .contains(say.mailPlace(), "Alice Martin", "Bruno Martin");
    List<String> mailedCodes = new ArrayList<>();
    for (WebElement image : buyer.findElements(By.cssSelector("img[src^='data:image/png']"))) {
      String src = image.getAttribute("src");
      mailedCodes.add(
          Mailbox.decode(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
    }
    assertThat(mailedCodes).containsExactlyElementsOf(codes);

    // Door staff scan a ticket: admitted once, refused the second time with when and where.
    WebDriver door = browsers.open(say.browserLanguage());
    BrowserSignIn.as(door, platform, "porte-" + suffix, "DOOR");
    // The site's navigation leads a door account to the scanner.
    assertThat(door.findElement(By.cssSelector("nav a[href^='/door/scanner.html']")).getText())
        .isEqualTo(say.scannerHeading());
    door.get(base + "/door/scanner.html?event=" + eventId);
    waiting(door).until(ExpectedConditions.elementToBeClickable(By.id("check")));
    assertThat(door.findElement(By.tagName("h1")).getText()).isEqualTo(say.scannerHeading());
    type(door, "door", "porte-nord");
    scan(door, codes.get(0));
    waiting(door).until(ExpectedConditions.attributeToBe(By.id("verdict"), "class", "ok"));
    assertThat(door.findElement(By.id("verdict")).getText()).isEqualTo(say.admitted());
    scan(door, codes.get(0));
    waiting(door).until(ExpectedConditions.attributeToBe(By.id("verdict"), "class", "ko"));
    assertThat(door.findElement(By.id("verdict")).getText()).matches(say.alreadyAdmitted());
    assertThat(Accessibility.seriousViolations(door)).isEmpty();

    // The director's dashboard counts the sale.
    director.get(base + "/director/event.html?id=" + eventId);
    waiting(director)
        .until(ExpectedConditions.attributeToBe(By.id("dashboard"), "data-live", "true"));
    waiting(director).until(d -> categoryCell(d, "OR", "td.sold").equals("2"));
    assertThat(director.findElement(By.id("kpis")).getAttribute("data-sold")).isEqualTo("2");
    WebElement discount =
        waiting(director)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#discounts tr[data-rule='student-discount']")));
    assertThat(discount.findElements(By.tagName("td")))
        .extracting(WebElement::getText)
        .containsExactly("1", say.studentDiscount());
    // What the buyer paid (90 € and 72 € at the student rate), not twice the list price.
    assertThat(categoryCell(director, "OR", "td.revenue")).isEqualTo(say.paidRevenue());
    assertThat(kpi(director, "revenue", "dt")).isEqualTo(say.revenueLabel());
    assertThat(kpi(director, "revenue", "dd")).isEqualTo(say.paidRevenue());

    // The season's figures on the director's home page count the sale too (the other language's
    // walk may have sold two more on this platform).
    director.get(base + "/director/");
    waiting(director)
        .until(
            d -> {
              String sold = d.findElement(By.id("season-kpis")).getAttribute("data-sold");
              return sold != null && Integer.parseInt(sold) >= 2;
            });
  }

  /** A key figure of the dashboard: its label ({@code dt}) or value ({@code dd}). */
  private static String kpi(WebDriver browser, String key, String part) {
    return (String)
        js(
            browser,
            "const c = document.querySelector(`#kpis [data-kpi='${arguments[0]}'] ${arguments[1]}`);"
                + " return c ? c.textContent.replace(/\\s/g, ' ') : '';",
            key,
            part);
  }

  /**
   * Signs up on the account page, opens the confirmation link of the mail shown by the developer
   * mailbox page, then signs in and comes back to {@code next}.
   */
  private static void signUpThroughTheMailbox(WebDriver browser, String email, String next) {
    String password = "trois pommes sur la table";
    browser.get(platform.base() + "/account.html?next=" + next);
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.id("sign-up-email")))
        .sendKeys(email);
    browser.findElement(By.id("sign-up-password")).sendKeys(password);
    browser.findElement(By.id("sign-up-submit")).click();
    waiting(browser).until(d -> accountMessage(d).startsWith("Compte créé."));

    browser.get(platform.base() + "/dev/mailbox");
    waiting(browser, Duration.ofSeconds(20))
        .pollingEvery(Duration.ofMillis(300))
        .until(
            d -> {
              List<WebElement> links =
                  d.findElements(By.xpath("//li[contains(., '" + email + "')]/a"));
              if (links.isEmpty()) {
                d.navigate().refresh();
                return false;
              }
              links.get(0).click();
              return true;
            });
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("pre a[href*='#verify=']")))
        .click();
    waiting(browser)
        .until(d -> accountMessage(d).equals("Adresse confirmée : vous pouvez vous connecter."));

    browser.get(platform.base() + "/account.html?next=" + next);
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.id("sign-in-login")))
        .sendKeys(email);
    browser.findElement(By.id("sign-in-password")).sendKeys(password);
    browser.findElement(By.id("sign-in-submit")).click();
    waiting(browser).until(d -> d.getCurrentUrl().contains(next));
    assertThat(
            waiting(browser)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-as")))
                .getText())
        .isEqualTo("Connecté : " + email);
  }

  private static String accountMessage(WebDriver browser) {
    return browser.findElement(By.id("account-message")).getText();
  }

  /** Types the code into the scanner's field, as a USB scanner does, and presses Enter. */
  private static void scan(WebDriver door, String code) {
    WebElement field = door.findElement(By.id("code"));
    field.clear();
    field.sendKeys(code);
    door.findElement(By.id("check")).click();
  }

  /**
   * On a staff page refused to whoever is signed in: sign in with a staff account of that role
   * (opened by the account service: no page opens staff accounts), then come back to the page.
   */
  private static void staffSignIn(WebDriver browser, String actorId, String role) {
    waiting(browser).until(ExpectedConditions.elementToBeClickable(By.id("staff-sign-in")));
    String page = browser.getCurrentUrl();
    new Api(platform.instance()).tokenFor(actorId, role);
    browser.findElement(By.id("staff-sign-in")).click();
    waiting(browser)
        .until(ExpectedConditions.elementToBeClickable(By.id("sign-in-login")))
        .sendKeys(Api.loginOf(actorId, role));
    browser.findElement(By.id("sign-in-password")).sendKeys(Api.passwordOf(actorId));
    browser.findElement(By.id("sign-in-submit")).click();
    waiting(browser).until(d -> !d.getCurrentUrl().contains("/account.html"));
    if (!browser.getCurrentUrl().equals(page)) {
      browser.get(page);
    }
    waiting(browser).until(ExpectedConditions.invisibilityOfElementLocated(By.id("staff-sign-in")));
  }
}
