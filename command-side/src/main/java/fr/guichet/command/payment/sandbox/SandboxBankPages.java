package fr.guichet.command.payment.sandbox;

import fr.guichet.command.payment.sandbox.SandboxBank.Behaviour;
import fr.guichet.command.payment.sandbox.SandboxBank.CardOutcome;
import fr.guichet.command.payment.sandbox.SandboxBank.SandboxPayment;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The sandbox bank's own pages, under {@code /sandbox-bank/}: clearly not the platform. The hosted
 * payment page takes a test card; {@code /sandbox-bank/behaviour} tells the bank to duplicate,
 * delay or reorder its webhooks.
 */
@Hidden
@RestController
@RequestMapping("/sandbox-bank")
@ConditionalOnProperty(
    name = "guichet.payments.sandbox.enabled",
    havingValue = "true",
    matchIfMissing = true)
class SandboxBankPages {

  private final SandboxBank bank;

  SandboxBankPages(SandboxBank bank) {
    this.bank = bank;
  }

  record BehaviourRequest(Integer duplicates, Duration delay, Duration jitter) {}

  @GetMapping(value = "/behaviour", produces = MediaType.APPLICATION_JSON_VALUE)
  Behaviour behaviour() {
    return bank.behaviour();
  }

  @PutMapping(value = "/behaviour", produces = MediaType.APPLICATION_JSON_VALUE)
  Behaviour behave(@RequestBody BehaviourRequest body) {
    Behaviour b =
        new Behaviour(
            body.duplicates() == null ? 0 : Math.max(0, Math.min(body.duplicates(), 1000)),
            body.delay() == null ? Duration.ZERO : body.delay(),
            body.jitter() == null ? Duration.ZERO : body.jitter());
    bank.behave(b);
    return b;
  }

  @GetMapping(value = "/pay/{id}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String id, ServerWebExchange exchange) {
    SandboxPayment p = bank.payment(id);
    Language lang = Language.of(exchange, p);
    if (p == null) {
      return unknown(lang);
    }
    return ResponseEntity.ok(page(p, lang, cardForm(p, lang, null)));
  }

  @PostMapping(
      value = "/pay/{id}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  Mono<ResponseEntity<String>> pay(@PathVariable String id, ServerWebExchange exchange) {
    SandboxPayment p = bank.payment(id);
    Language lang = Language.of(exchange, p);
    if (p == null) {
      return Mono.just(unknown(lang));
    }
    return exchange
        .getFormData()
        .map(
            form ->
                ResponseEntity.ok(
                    page(p, lang, outcome(p, lang, bank.submitCard(id, form.getFirst("card"))))));
  }

  @PostMapping(
      value = "/pay/{id}/3ds",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  Mono<ResponseEntity<String>> authenticate(@PathVariable String id, ServerWebExchange exchange) {
    SandboxPayment p = bank.payment(id);
    Language lang = Language.of(exchange, p);
    if (p == null) {
      return Mono.just(unknown(lang));
    }
    return exchange
        .getFormData()
        .map(
            form ->
                ResponseEntity.ok(
                    page(p, lang, outcome(p, lang, bank.authenticate(id, form.getFirst("code"))))));
  }

  /**
   * The page's language, chosen as on the platform's own pages: {@code ?lang=fr|en} (what the
   * language switch links to), else the language the merchant asked for at checkout, else the
   * browser's preferred languages (Accept-Language), else French.
   */
  enum Language {
    FR("fr", Locale.FRANCE),
    EN("en", Locale.UK);

    final String code;
    final Locale locale;

    Language(String code, Locale locale) {
      this.code = code;
      this.locale = locale;
    }

    static Language of(ServerWebExchange exchange, SandboxPayment payment) {
      Language asked = parse(exchange.getRequest().getQueryParams().getFirst("lang"));
      if (asked != null) {
        return asked;
      }
      Language merchant = payment == null ? null : parse(payment.locale());
      if (merchant != null) {
        return merchant;
      }
      try {
        for (Locale l : exchange.getRequest().getHeaders().getAcceptLanguageAsLocales()) {
          Language browser = parse(l.getLanguage());
          if (browser != null) {
            return browser;
          }
        }
      } catch (IllegalArgumentException unreadableHeader) {
        return FR;
      }
      return FR;
    }

    private static Language parse(String code) {
      if (code == null) {
        return null;
      }
      String base = code.trim().toLowerCase(Locale.ROOT);
      base = base.length() > 2 ? base.substring(0, 2) : base;
      return switch (base) {
        case "fr" -> FR;
        case "en" -> EN;
        default -> null;
      };
    }

    Language other() {
      return this == FR ? EN : FR;
    }

    String t(String fr, String en) {
      return this == FR ? fr : en;
    }
  }

  private String outcome(SandboxPayment p, Language lang, CardOutcome outcome) {
    String backToMerchant = lang.t("Retourner chez le marchand", "Return to the merchant");
    String cancel =
        lang.t("Annuler et retourner chez le marchand", "Cancel and return to the merchant");
    return switch (outcome) {
      case SUCCEEDED ->
          "<p class=ok id=outcome data-outcome=SUCCEEDED>"
              + lang.t(
                  "Paiement accepté. Vous recevrez vos billets par e-mail.",
                  "Payment accepted. You will receive your tickets by e-mail.")
              + "</p>"
              + back(p, "succeeded", backToMerchant);
      case ALREADY_PAID ->
          "<p class=ok id=outcome data-outcome=ALREADY_PAID>"
              + lang.t("Ce paiement est déjà réglé.", "This payment has already been made.")
              + "</p>"
              + back(p, "succeeded", backToMerchant);
      case BANK_TIMEOUT ->
          "<p class=warn id=outcome data-outcome=BANK_TIMEOUT>"
              + lang.t(
                  "La banque n'a pas répondu à temps. Votre paiement sera confirmé dès que"
                      + " possible ; ne payez pas une seconde fois.",
                  "The bank did not answer in time. Your payment will be confirmed as soon as"
                      + " possible; do not pay a second time.")
              + "</p>"
              + back(p, "pending", backToMerchant);
      case REQUIRES_AUTHENTICATION ->
          "<p id=outcome data-outcome=REQUIRES_AUTHENTICATION>"
              + lang.t(
                  "3-D Secure : saisissez le code reçu par SMS (sandbox : ",
                  "3-D Secure: enter the code you received by text message (sandbox: ")
              + SandboxBank.THREE_DS_CODE
              + ").</p><form method=post action=\"/sandbox-bank/pay/"
              + HtmlUtils.htmlEscape(p.id())
              + "/3ds?lang="
              + lang.code
              + "\"><label>"
              + lang.t("Code", "Code")
              + " <input name=code autocomplete=one-time-code required></label> <button>"
              + lang.t("Valider", "Confirm")
              + "</button></form>"
              + back(p, "cancelled", cancel);
      case DECLINED ->
          cardForm(p, lang, lang.t("Carte refusée", "Card declined") + " (card_declined).");
      case INSUFFICIENT_FUNDS ->
          cardForm(
              p,
              lang,
              lang.t("Provision insuffisante", "Insufficient funds") + " (insufficient_funds).");
      case AUTHENTICATION_FAILED ->
          cardForm(
              p,
              lang,
              lang.t("Authentification 3-D Secure échouée.", "3-D Secure authentication failed."));
      case UNKNOWN_CARD ->
          cardForm(
              p,
              lang,
              lang.t(
                  "Carte inconnue : utilisez une carte de test.",
                  "Unknown card: use a test card."));
    };
  }

  private static String cardForm(SandboxPayment p, Language lang, String error) {
    return (error == null
            ? ""
            : "<p class=err id=outcome data-outcome=FAILED>" + HtmlUtils.htmlEscape(error) + "</p>")
        + "<form method=post action=\"/sandbox-bank/pay/"
        + HtmlUtils.htmlEscape(p.id())
        + "?lang="
        + lang.code
        + "\"><label>"
        + lang.t("Numéro de carte", "Card number")
        + " <input name=card inputmode=numeric autocomplete=cc-number required></label> <button>"
        + lang.t("Payer", "Pay")
        + "</button></form>"
        + "<details><summary>"
        + lang.t("Cartes de test", "Test cards")
        + "</summary><ul>"
        + "<li><code>"
        + SandboxBank.CARD_SUCCESS
        + "</code> "
        + lang.t("paiement accepté", "payment accepted")
        + "</li><li><code>"
        + SandboxBank.CARD_DECLINED
        + "</code> "
        + lang.t("carte refusée", "card declined")
        + "</li><li><code>"
        + SandboxBank.CARD_INSUFFICIENT_FUNDS
        + "</code> "
        + lang.t("provision insuffisante", "insufficient funds")
        + "</li><li><code>"
        + SandboxBank.CARD_3DS
        + "</code> 3-D Secure (code "
        + SandboxBank.THREE_DS_CODE
        + ")</li><li><code>"
        + SandboxBank.CARD_TIMEOUT
        + "</code> "
        + lang.t("la banque ne répond pas à temps", "the bank does not answer in time")
        + "</li></ul></details>"
        + back(
            p,
            "cancelled",
            lang.t("Annuler et retourner chez le marchand", "Cancel and return to the merchant"));
  }

  /** The link back to the merchant's site, when the merchant gave one. */
  private static String back(SandboxPayment p, String outcome, String label) {
    String url = p.returnUrl(outcome);
    return url == null
        ? ""
        : "<p><a id=return data-outcome=\""
            + outcome
            + "\" href=\""
            + HtmlUtils.htmlEscape(url)
            + "\">"
            + label
            + "</a></p>";
  }

  private static String page(SandboxPayment p, Language lang, String content) {
    Language other = lang.other();
    return "<!doctype html><html lang="
        + lang.code
        + "><head><meta charset=utf-8>"
        + "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + lang.t("Banque sandbox — paiement", "Sandbox bank — payment")
        + "</title><style>body{font-family:sans-serif;max-width:32rem;"
        + "margin:2rem auto;padding:0 1rem}.banner{background:#fe6;padding:.5rem}.err{color:#a00}"
        + ".ok{color:#070}.warn{color:#a60}input{font-size:1.1rem}.lang-switch{float:right}"
        + "</style></head><body>"
        + "<p class=banner>"
        + lang.t(
            "Banque sandbox de Guichet — aucun vrai paiement.",
            "Guichet's sandbox bank — no real payment.")
        + " <a class=lang-switch id=lang-switch href=\"/sandbox-bank/pay/"
        + HtmlUtils.htmlEscape(p.id())
        + "?lang="
        + other.code
        + "\" lang="
        + other.code
        + " hreflang="
        + other.code
        + " aria-label=\""
        + other.t("Passer en français", "Switch to English")
        + "\">"
        + other.t("Français", "English")
        + "</a></p>"
        + "<h1>"
        + HtmlUtils.htmlEscape(p.description())
        + "</h1><p>"
        + lang.t("Montant : ", "Amount: ")
        + "<strong>"
        + String.format(lang.locale, "%,.2f", p.amountCents() / 100.0)
        + " "
        + HtmlUtils.htmlEscape(p.currency())
        + "</strong></p>"
        + content
        + "</body></html>";
  }

  private static ResponseEntity<String> unknown(Language lang) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_HTML)
        .body(
            "<!doctype html><html lang="
                + lang.code
                + "><title>"
                + lang.t("Inconnu", "Unknown")
                + "</title><p>"
                + lang.t(
                    "Paiement inconnu de la banque sandbox.",
                    "The sandbox bank knows no such payment.")
                + "</p>");
  }
}
