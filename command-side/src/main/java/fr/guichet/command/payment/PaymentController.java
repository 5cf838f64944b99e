package fr.guichet.command.payment;

import fr.guichet.api.payment.PaidPlace;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountService;
import fr.guichet.command.order.PaymentTerms;
import fr.guichet.command.order.PreparePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RecordCheckoutCommand;
import fr.guichet.command.payment.PaymentCommands.RequestPaymentCommand;
import fr.guichet.command.payment.PaymentGateway.CheckoutRequest;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.command.web.IdempotencyKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A buyer pays an order: the platform asks the order for its recorded price, records the payment,
 * and sends the buyer to the provider's hosted payment page.
 */
@RestController
@Tag(name = "Payments", description = "Pay an order on the bank's hosted page")
class PaymentController {

  static final String CURRENCY = "EUR";

  private final CommandSender sender;
  private final PaymentGateways gateways;
  private final AccountService accounts;
  private final BuyerFingerprints fingerprints;

  PaymentController(
      CommandSender sender,
      PaymentGateways gateways,
      AccountService accounts,
      BuyerFingerprints fingerprints) {
    this.sender = sender;
    this.gateways = gateways;
    this.accounts = accounts;
    this.fingerprints = fingerprints;
  }

  /**
   * @param holderName the buyer's name, printed on tickets that {@code holders} does not name
   * @param holders optionally, the person each ticket is for (one per place of the order at most)
   * @param returnPath where the bank sends the buyer back on this platform (a path, e.g. {@code
   *     /confirmation.html?order=…}); the bank adds {@code payment} and {@code outcome}
   */
  record PaymentRequest(
      @NotBlank @Size(max = 120) String holderName,
      @NotBlank @Email @Size(max = 200) String email,
      @Pattern(regexp = "fr|en") String locale,
      @Valid @Size(max = 100) List<TicketHolder> holders,
      @Size(max = 500) @Pattern(regexp = RETURN_PATH) String returnPath) {}

  /** A path on this platform: one leading slash, no scheme, host or backslash. */
  static final String RETURN_PATH = "/(?![/\\\\])[^\\s\\\\]*";

  record TicketHolder(
      @NotBlank @Size(max = 40) String placeId, @NotBlank @Size(max = 120) String name) {}

  record PaymentStarted(
      String paymentId, String orderId, long amountCents, String currency, URI paymentPageUrl) {}

  record PaymentView(
      String paymentId,
      String orderId,
      long amountCents,
      String currency,
      String status,
      String lastFailureCode,
      String paymentPageUrl,
      String refundReason) {}

  @PostMapping("/api/orders/{orderId}/payments")
  @Operation(
      summary =
          "Start paying an order at its recorded price; answers the bank's payment page URL."
              + " Retry with the same Idempotency-Key.")
  Mono<ResponseEntity<PaymentStarted>> start(
      @PathVariable String orderId,
      @Valid @RequestBody PaymentRequest body,
      @RequestHeader(name = CommandSender.IDEMPOTENCY_KEY, required = false) String key,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    String paymentId = IdempotencyKeys.idFor("payment:" + orderId, actor.id(), key);
    PaymentGateway gateway = gateways.forNewPayments();
    String locale = body.locale() == null ? "fr" : body.locale().toLowerCase(Locale.ROOT);
    Mono<String> mailbox =
        Mono.fromCallable(
                () -> accounts.verifiedEmailOf(actor.id()).map(fingerprints::mailbox).orElse(""))
            .subscribeOn(Schedulers.boundedElastic());
    return mailbox
        .zipWith(
            sender
                .<PaymentTerms>send(new PreparePaymentCommand(orderId, actor.id()), actor, request)
                .map(terms -> withHolders(terms, body.holders())))
        .flatMap(
            found ->
                start(
                    found.getT2(),
                    found.getT1().isEmpty() ? null : found.getT1(),
                    paymentId,
                    orderId,
                    gateway,
                    locale,
                    body,
                    actor,
                    request));
  }

  private Mono<ResponseEntity<PaymentStarted>> start(
      PaymentTerms terms,
      String mailboxFingerprint,
      String paymentId,
      String orderId,
      PaymentGateway gateway,
      String locale,
      PaymentRequest body,
      Actor actor,
      ServerHttpRequest request) {
    return sender
        .send(
            new RequestPaymentCommand(
                paymentId,
                orderId,
                terms.eventId(),
                actor.id(),
                gateway.name(),
                terms.amountCents(),
                CURRENCY,
                terms.places(),
                body.holderName().trim(),
                body.email().trim(),
                locale,
                mailboxFingerprint),
            actor,
            request)
        .then(
            Mono.fromCallable(
                    () ->
                        gateway.openCheckout(
                            new CheckoutRequest(
                                paymentId,
                                orderId,
                                terms.amountCents(),
                                CURRENCY,
                                "Guichet — commande " + orderId,
                                locale,
                                body.returnPath())))
                .subscribeOn(Schedulers.boundedElastic()))
        .flatMap(
            checkout ->
                sender
                    .send(
                        new RecordCheckoutCommand(
                            paymentId,
                            checkout.providerPaymentId(),
                            checkout.paymentPageUrl().toString()),
                        actor,
                        request)
                    .then(
                        Mono.just(
                            ResponseEntity.created(URI.create("/api/payments/" + paymentId))
                                .body(
                                    new PaymentStarted(
                                        paymentId,
                                        orderId,
                                        terms.amountCents(),
                                        CURRENCY,
                                        checkout.paymentPageUrl())))));
  }

  /** The terms with each named place's ticket holder; refuses a place the order does not have. */
  static PaymentTerms withHolders(PaymentTerms terms, List<TicketHolder> holders) {
    if (holders == null || holders.isEmpty()) {
      return terms;
    }
    Map<String, String> names = new HashMap<>();
    for (TicketHolder holder : holders) {
      boolean known = terms.places().stream().anyMatch(p -> p.placeId().equals(holder.placeId()));
      if (!known || names.put(holder.placeId(), holder.name().trim()) != null) {
        throw new CommandRejectedException(
            new Rejection(
                Rejection.Kind.INVALID,
                known ? "duplicate-ticket" : "unknown-ticket",
                known
                    ? "Ticket " + holder.placeId() + " is named twice."
                    : "This order has no ticket " + holder.placeId() + ".",
                List.of(holder.placeId())));
      }
    }
    List<PaidPlace> places =
        terms.places().stream()
            .map(p -> names.containsKey(p.placeId()) ? p.withHolder(names.get(p.placeId())) : p)
            .toList();
    return new PaymentTerms(
        terms.orderId(), terms.eventId(), terms.customerId(), terms.amountCents(), places);
  }

  @GetMapping("/api/payments/{paymentId}")
  @Operation(summary = "Where a payment stands (its buyer, a manager or an auditor)")
  Mono<PaymentView> view(@PathVariable String paymentId, ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return sender
        .<PaymentDetails>send(new DescribePaymentCommand(paymentId), actor, request)
        .map(
            d -> {
              boolean staff = actor.role() == Role.MANAGER || actor.role() == Role.AUDITOR;
              if (!staff && !actor.id().equals(d.customerId())) {
                throw new CommandRejectedException(
                    Rejection.notFound(
                        "unknown-payment", "You have no payment " + paymentId + "."));
              }
              return new PaymentView(
                  d.paymentId(),
                  d.orderId(),
                  d.amountCents(),
                  d.currency(),
                  d.status().name(),
                  d.lastFailureCode(),
                  d.paymentPageUrl(),
                  d.refundReason() == null ? null : d.refundReason().name());
            });
  }
}
