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
  ResponseEntity<String> page(@PathVariable String id) {
    SandboxPayment p = bank.payment(id);
    if (p == null) {
      return unknown();
    }
    return ResponseEntity.ok(page(p, cardForm(p, null)));
  }

  @PostMapping(
      value = "/pay/{id}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  Mono<ResponseEntity<String>> pay(@PathVariable String id, ServerWebExchange exchange) {
    SandboxPayment p = bank.payment(id);
    if (p == null) {
      return Mono.just(unknown());
    }
    return exchange
        .getFormData()
        .map(
            form ->
                ResponseEntity.ok(page(p, outcome(p, bank.submitCard(id, form.getFirst("card"))))));
  }

  @PostMapping(
      value = "/pay/{id}/3ds",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  Mono<ResponseEntity<String>> authenticate(@PathVariable String id, ServerWebExchange exchange) {
    SandboxPayment p = bank.payment(id);
    if (p == null) {
      return Mono.just(unknown());
    }
    return exchange
        .getFormData()
        .map(
            form ->
                ResponseEntity.ok(
                    page(p, outcome(p, bank.authenticate(id, form.getFirst("code"))))));
  }

  private String outcome(SandboxPayment p, CardOutcome outcome) {
    String result =
        switch (outcome) {
          case SUCCEEDED ->
              "<p class=ok id=outcome data-outcome=SUCCEEDED>Paiement accepté. Vous recevrez vos billets par e-mail.</p>"
                  + back(p, "succeeded", "Retourner chez le marchand");
          case ALREADY_PAID ->
              "<p class=ok id=outcome data-outcome=ALREADY_PAID>Ce paiement est déjà réglé.</p>"
                  + back(p, "succeeded", "Retourner chez le marchand");
          case BANK_TIMEOUT ->
              "<p class=warn id=outcome data-outcome=BANK_TIMEOUT>La banque n'a pas répondu à temps. Votre paiement sera confirmé dès que possible ; ne payez pas une seconde fois.</p>"
                  + back(p, "pending", "Retourner chez le marchand");
          case REQUIRES_AUTHENTICATION ->
              "<p id=outcome data-outcome=REQUIRES_AUTHENTICATION>3-D Secure : saisissez le code reçu par SMS (sandbox : "
                  + SandboxBank.THREE_DS_CODE
                  + ").</p><form method=post action=\"/sandbox-bank/pay/"
                  + HtmlUtils.htmlEscape(p.id())
                  + "/3ds\"><label>Code <input name=code autocomplete=one-time-code required></label> <button>Valider</button></form>"
                  + back(p, "cancelled", "Annuler et retourner chez le marchand");
          case DECLINED -> cardForm(p, "Carte refusée (card_declined).");
          case INSUFFICIENT_FUNDS -> cardForm(p, "Provision insuffisante (insufficient_funds).");
          case AUTHENTICATION_FAILED -> cardForm(p, "Authentification 3-D Secure échouée.");
          case UNKNOWN_CARD -> cardForm(p, "Carte inconnue : utilisez une carte de test.");
        };
    return result;
  }

  private static String cardForm(SandboxPayment p, String error) {
    return (error == null
            ? ""
            : "<p class=err id=outcome data-outcome=FAILED>" + HtmlUtils.htmlEscape(error) + "</p>")
        + "<form method=post action=\"/sandbox-bank/pay/"
        + HtmlUtils.htmlEscape(p.id())
        + "\"><label>Numéro de carte <input name=card inputmode=numeric autocomplete=cc-number"
        + " required></label> <button>Payer</button></form>"
        + "<details><summary>Cartes de test</summary><ul>"
        + "<li><code>"
        + SandboxBank.CARD_SUCCESS
        + "</code> paiement accepté</li><li><code>"
        + SandboxBank.CARD_DECLINED
        + "</code> carte refusée</li><li><code>"
        + SandboxBank.CARD_INSUFFICIENT_FUNDS
        + "</code> provision insuffisante</li><li><code>"
        + SandboxBank.CARD_3DS
        + "</code> 3-D Secure (code "
        + SandboxBank.THREE_DS_CODE
        + ")</li><li><code>"
        + SandboxBank.CARD_TIMEOUT
        + "</code> la banque ne répond pas à temps</li></ul></details>"
        + back(p, "cancelled", "Annuler et retourner chez le marchand");
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

  private static String page(SandboxPayment p, String content) {
    return "<!doctype html><html lang=fr><head><meta charset=utf-8>"
        + "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
        + "<title>Banque sandbox — paiement</title><style>body{font-family:sans-serif;max-width:32rem;"
        + "margin:2rem auto;padding:0 1rem}.banner{background:#fe6;padding:.5rem}.err{color:#a00}"
        + ".ok{color:#070}.warn{color:#a60}input{font-size:1.1rem}</style></head><body>"
        + "<p class=banner>Banque sandbox de Guichet — aucun vrai paiement.</p>"
        + "<h1>"
        + HtmlUtils.htmlEscape(p.description())
        + "</h1><p>Montant : <strong>"
        + String.format(Locale.FRANCE, "%,.2f", p.amountCents() / 100.0)
        + " "
        + HtmlUtils.htmlEscape(p.currency())
        + "</strong></p>"
        + content
        + "</body></html>";
  }

  private static ResponseEntity<String> unknown() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_HTML)
        .body("<!doctype html><title>Inconnu</title><p>Paiement inconnu de la banque sandbox.</p>");
  }
}
