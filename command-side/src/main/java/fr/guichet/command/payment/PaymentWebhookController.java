package fr.guichet.command.payment;

import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.payment.PaymentCommands.RecordBankNotificationCommand;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import fr.guichet.command.payment.PaymentGateway.InvalidWebhookException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Where banks notify payments. The signature and its freshness are checked first; then the
 * notification is recorded on the payment (once per bank event id) and answered at once; the
 * consequences (selling the places, tickets, e-mail, refunds) run afterwards in processes.
 */
@RestController
@Tag(name = "Payments")
class PaymentWebhookController {

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);
  private static final String TYPE_BASE = "https://guichet.example/problems/";

  private final PaymentGateways gateways;
  private final CommandGateway commands;

  PaymentWebhookController(PaymentGateways gateways, CommandGateway commands) {
    this.gateways = gateways;
    this.commands = commands;
  }

  @PostMapping("/api/payments/webhooks/{provider}")
  @Operation(summary = "Bank notifications (signed); answers 200 once recorded")
  Mono<ResponseEntity<?>> receive(
      @PathVariable String provider,
      @RequestHeader(name = "Guichet-Sandbox-Signature", required = false) String sandboxSignature,
      @RequestHeader(name = "Stripe-Signature", required = false) String stripeSignature,
      @RequestBody(required = false) String body) {
    PaymentGateway gateway = gateways.byName(provider);
    BankNotification notification;
    try {
      notification =
          gateway.verify(
              sandboxSignature != null ? sandboxSignature : stripeSignature,
              body == null ? "" : body);
    } catch (InvalidWebhookException e) {
      log.warn("Refused a {} webhook: {}", provider, e.getMessage());
      HttpStatus status = e.badSignature() ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
      return Mono.just(
          problem(status, e.badSignature() ? "bad-signature" : "bad-webhook", e.getMessage()));
    }
    MetaData metaData =
        MetaData.from(
            Map.of(
                "actorId",
                "bank:" + provider,
                "actorRole",
                "BANK",
                "bankEventId",
                notification.bankEventId()));
    return Mono.fromFuture(
            commands.send(
                GenericCommandMessage.asCommandMessage(
                        new RecordBankNotificationCommand(
                            notification.paymentId(), notification, Source.WEBHOOK))
                    .andMetaData(metaData)))
        .then(
            Mono.<ResponseEntity<?>>just(
                ResponseEntity.ok(Map.of("received", notification.bankEventId()))))
        .onErrorResume(e -> Mono.just(refused(provider, notification, e)));
  }

  private ResponseEntity<?> refused(String provider, BankNotification n, Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null
        && !(cause instanceof AggregateNotFoundException)
        && !(cause instanceof CommandRejectedException)) {
      cause = cause.getCause();
    }
    Rejection rejection = null;
    if (e instanceof CommandExecutionException cee
        && cee.getDetails().orElse(null) instanceof Rejection r) {
      rejection = r;
    } else if (cause instanceof CommandRejectedException cre) {
      rejection = cre.rejection();
    }
    if (cause instanceof AggregateNotFoundException) {
      log.warn(
          "Refused {} webhook {}: unknown payment {}", provider, n.bankEventId(), n.paymentId());
      return problem(
          HttpStatus.NOT_FOUND, "unknown-payment", "No payment " + n.paymentId() + " here.");
    }
    if (rejection != null) {
      log.warn(
          "Refused {} webhook {} for payment {}: {}",
          provider,
          n.bankEventId(),
          n.paymentId(),
          rejection.message());
      return problem(HttpStatus.BAD_REQUEST, rejection.code(), rejection.message());
    }
    log.error("Could not record {} webhook {}", provider, n.bankEventId(), e);
    return problem(
        HttpStatus.SERVICE_UNAVAILABLE, "not-recorded", "Not recorded; please deliver it again.");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatus(status);
    body.setType(URI.create(TYPE_BASE + code));
    body.setTitle(status.getReasonPhrase());
    body.setDetail(detail);
    body.setProperty("code", code);
    return ResponseEntity.status(status).body(body);
  }
}
