package fr.guichet.command.payment.sandbox;

import fr.guichet.command.payment.PaymentGateway;
import fr.guichet.command.payment.WebhookSignature;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A card acquirer that lives inside the platform for development and tests. It keeps its payments
 * and the webhooks it owes in the platform's database ({@link SandboxBankStore}), so a restart
 * forgets nothing: unpaid payments can still be paid, pending webhooks are sent again, and
 * reconciliation still finds lost ones. It serves a hosted payment page, and notifies the platform
 * by signed webhooks the way real acquirers do: at least once, retried with exponential backoff
 * until a 2xx, possibly duplicated, delayed or reordered on demand (see {@link Behaviour}).
 *
 * <p>Test cards: {@value #CARD_SUCCESS} succeeds, {@value #CARD_DECLINED} is declined, {@value
 * #CARD_INSUFFICIENT_FUNDS} lacks funds, {@value #CARD_3DS} asks for a 3-D Secure code ({@value
 * #THREE_DS_CODE}), {@value #CARD_TIMEOUT} takes the money but the bank times out and its webhook
 * is lost (only reconciliation finds it). Any other number that passes the Luhn check (13 to 19
 * digits) succeeds like {@value #CARD_SUCCESS}, so that tests and benchmarks can pay with distinct
 * cards.
 *
 * <p>Like a real acquirer (Stripe's {@code card.fingerprint}), the bank tells the merchant a stable
 * fingerprint of the card that paid: an HMAC-SHA256 of the card number under a key derived from the
 * platform's secret, so that the same card always gives the same fingerprint while the number
 * itself never leaves the bank nor reaches an event.
 */
public class SandboxBank implements PaymentGateway {

  public static final String NAME = "sandbox";
  public static final String CARD_SUCCESS = "4242424242424242";
  public static final String CARD_DECLINED = "4000000000000002";
  public static final String CARD_INSUFFICIENT_FUNDS = "4000000000009995";
  public static final String CARD_3DS = "4000000000003220";
  public static final String CARD_TIMEOUT = "4000000000000119";
  public static final String THREE_DS_CODE = "123456";
  public static final String SIGNATURE_HEADER = "Guichet-Sandbox-Signature";

  private static final Logger log = LoggerFactory.getLogger(SandboxBank.class);

  /** How long the bank lists a webhook it could not deliver (Stripe lists them for 30 days). */
  static final Duration UNDELIVERED_KEPT = Duration.ofDays(30);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How the bank misbehaves on purpose. */
  public record Behaviour(int duplicates, Duration delay, Duration jitter) {
    public static final Behaviour NORMAL = new Behaviour(0, Duration.ZERO, Duration.ZERO);
  }

  public enum Status {
    REQUIRES_CARD,
    REQUIRES_AUTHENTICATION,
    SUCCEEDED,
    REFUNDED
  }

  /** What the hosted page shows after a card was entered. */
  public enum CardOutcome {
    SUCCEEDED,
    DECLINED,
    INSUFFICIENT_FUNDS,
    REQUIRES_AUTHENTICATION,
    AUTHENTICATION_FAILED,
    BANK_TIMEOUT,
    UNKNOWN_CARD,
    ALREADY_PAID
  }

  /**
   * One payment as the bank sees it.
   *
   * @param reference the merchant's payment id
   * @param locale the language the merchant asked for its buyer (fr, en), or null
   * @param cardFingerprint the keyed hash of the card entered on the page (never the number)
   */
  public record SandboxPayment(
      String id,
      String reference,
      long amountCents,
      String currency,
      String description,
      String returnPath,
      String locale,
      Status status,
      String refundId,
      String cardFingerprint) {

    /** The same payment, paid (or about to be) with the card of {@code fingerprint}. */
    SandboxPayment withCard(String fingerprint) {
      return new SandboxPayment(
          id,
          reference,
          amountCents,
          currency,
          description,
          returnPath,
          locale,
          status,
          refundId,
          fingerprint);
    }

    /**
     * Where the buyer goes back to the merchant, with the merchant's payment reference and what the
     * page saw ({@code succeeded}, {@code pending} or {@code cancelled}); null without a return
     * path. The merchant must not trust {@code outcome}: its webhook is the truth.
     */
    public String returnUrl(String outcome) {
      if (returnPath == null) {
        return null;
      }
      return returnPath
          + (returnPath.contains("?") ? "&" : "?")
          + "payment="
          + URLEncoder.encode(reference, StandardCharsets.UTF_8)
          + "&outcome="
          + outcome;
    }
  }

  private final SandboxBankStore store;
  private final WebhookSignature signature;
  private final SandboxAddresses addresses;
  private final Clock clock;
  private final Duration retryBase;
  private final int maxAttempts;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "sandbox-bank-webhooks");
            t.setDaemon(true);
            return t;
          });
  private volatile Behaviour behaviour = Behaviour.NORMAL;
  private final byte[] fingerprintKey;

  SandboxBank(
      SandboxBankStore store,
      WebhookSignature signature,
      SandboxAddresses addresses,
      Clock clock,
      Duration retryBase,
      int maxAttempts,
      byte[] fingerprintKey) {
    this.store = store;
    this.fingerprintKey = fingerprintKey.clone();
    this.signature = signature;
    this.addresses = addresses;
    this.clock = clock;
    this.retryBase = retryBase;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public String name() {
    return NAME;
  }

  public Behaviour behaviour() {
    return behaviour;
  }

  public void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  @Override
  public Checkout openCheckout(CheckoutRequest request) {
    SandboxPayment payment =
        store.open(
            new SandboxPayment(
                "sbx_" + UUID.randomUUID().toString().replace("-", ""),
                request.paymentId(),
                request.amountCents(),
                request.currency(),
                request.description(),
                request.returnPath(),
                request.locale(),
                Status.REQUIRES_CARD,
                null,
                null),
            clock.instant());
    return new Checkout(payment.id(), addresses.pageUrl(payment.id()));
  }

  /** The payment, as stored now; null if the bank never opened it. */
  public SandboxPayment payment(String providerPaymentId) {
    return store.byId(providerPaymentId).orElse(null);
  }

  /** The buyer submits a card on the hosted page. */
  public synchronized CardOutcome submitCard(String providerPaymentId, String cardNumber) {
    SandboxPayment p = store.byId(providerPaymentId).orElseThrow();
    String card = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
    if (p.status() == Status.SUCCEEDED || p.status() == Status.REFUNDED) {
      return CardOutcome.ALREADY_PAID;
    }
    switch (card) {
      case CARD_SUCCESS -> {
        return succeed(p, fingerprint(card), false)
            ? CardOutcome.SUCCEEDED
            : CardOutcome.ALREADY_PAID;
      }
      case CARD_DECLINED -> {
        fail(p, "card_declined");
        return CardOutcome.DECLINED;
      }
      case CARD_INSUFFICIENT_FUNDS -> {
        fail(p, "insufficient_funds");
        return CardOutcome.INSUFFICIENT_FUNDS;
      }
      case CARD_3DS -> {
        return store.moveWithCard(
                p.id(), Status.REQUIRES_AUTHENTICATION, fingerprint(card), Status.REQUIRES_CARD)
            ? CardOutcome.REQUIRES_AUTHENTICATION
            : CardOutcome.ALREADY_PAID;
      }
      case CARD_TIMEOUT -> {
        return succeed(p, fingerprint(card), true)
            ? CardOutcome.BANK_TIMEOUT
            : CardOutcome.ALREADY_PAID;
      }
      default -> {
        if (!luhnValid(card)) {
          return CardOutcome.UNKNOWN_CARD;
        }
        return succeed(p, fingerprint(card), false)
            ? CardOutcome.SUCCEEDED
            : CardOutcome.ALREADY_PAID;
      }
    }
  }

  /** The buyer answers the 3-D Secure challenge. */
  public synchronized CardOutcome authenticate(String providerPaymentId, String code) {
    SandboxPayment p = store.byId(providerPaymentId).orElseThrow();
    if (p.status() != Status.REQUIRES_AUTHENTICATION) {
      return p.status() == Status.REQUIRES_CARD
          ? CardOutcome.UNKNOWN_CARD
          : CardOutcome.ALREADY_PAID;
    }
    if (THREE_DS_CODE.equals(code)) {
      return succeed(p, p.cardFingerprint(), false)
          ? CardOutcome.SUCCEEDED
          : CardOutcome.ALREADY_PAID;
    }
    if (store.move(p.id(), Status.REQUIRES_CARD, Status.REQUIRES_AUTHENTICATION)) {
      fail(p, "authentication_failed");
    }
    return CardOutcome.AUTHENTICATION_FAILED;
  }

  /**
   * Gives back {@code request.amountCents()} (all or part of the payment) once per refund id, never
   * more than the payment took in all; the {@code refund.succeeded} webhook carries the refund's
   * amount.
   */
  @Override
  public synchronized void refund(RefundRequest request) {
    SandboxPayment p = store.byId(request.providerPaymentId()).orElse(null);
    if (p == null) {
      throw new IllegalArgumentException("Unknown sandbox payment " + request.providerPaymentId());
    }
    if (request.refundId().equals(p.refundId())
        || store.refundById(request.refundId()).isPresent()) {
      return;
    }
    if (p.status() == Status.REFUNDED) {
      log.warn(
          "Sandbox bank: payment {} was already refunded in full; refund {} ignored",
          p.id(),
          request.refundId());
      return;
    }
    if (p.status() != Status.SUCCEEDED) {
      throw new IllegalStateException("Sandbox payment " + p.id() + " took no money to refund");
    }
    if (request.amountCents() <= 0) {
      throw new IllegalArgumentException("A refund gives back more than 0");
    }
    if (store.refundPart(p.id(), request.refundId(), request.amountCents(), clock.instant())) {
      notify(
          p,
          BankNotification.Type.REFUND_SUCCEEDED,
          null,
          request.refundId(),
          request.amountCents(),
          false);
    } else if (store.refundById(request.refundId()).isEmpty()) {
      throw new IllegalStateException(
          "Sandbox payment "
              + p.id()
              + " has less than "
              + request.amountCents()
              + " cents left to give back");
    }
  }

  /** The refunds made of one payment (partial ones included), oldest first. */
  public List<Refund> refunds(String providerPaymentId) {
    return store.refundsOf(providerPaymentId).stream()
        .map(r -> new Refund(r.refundId(), r.amountCents(), r.createdAt()))
        .toList();
  }

  /** A refund the bank made. */
  public record Refund(String refundId, long amountCents, Instant createdAt) {}

  @Override
  public BankNotification verify(String signatureHeader, String body) {
    signature.verify(signatureHeader, body);
    return read(body);
  }

  /** A webhook body as a notification (its signature already checked, or the bank's own). */
  static BankNotification read(String body) {
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode data = root.required("data");
      BankNotification.Type type =
          switch (root.required("type").asString()) {
            case "payment.succeeded" -> BankNotification.Type.PAYMENT_SUCCEEDED;
            case "payment.failed" -> BankNotification.Type.PAYMENT_FAILED;
            case "refund.succeeded" -> BankNotification.Type.REFUND_SUCCEEDED;
            default -> throw new InvalidWebhookException("Unknown event type", false);
          };
      return new BankNotification(
          root.required("id").asString(),
          type,
          data.required("reference").asString(),
          data.required("payment").asString(),
          data.required("amount").asLong(),
          data.required("currency").asString(),
          text(data, "failure_code"),
          text(data, "refund"),
          Instant.ofEpochSecond(root.required("created").asLong()),
          text(data, "card_fingerprint"));
    } catch (InvalidWebhookException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidWebhookException("Unreadable webhook body", false);
    }
  }

  @Override
  public List<BankNotification> undeliveredNotifications(Duration olderThan) {
    List<BankNotification> result = new ArrayList<>();
    Instant now = clock.instant();
    for (SandboxBankStore.StoredWebhook w :
        store.undelivered(now.minus(UNDELIVERED_KEPT), now.minus(olderThan))) {
      result.add(read(w.body()));
    }
    return result;
  }

  private static String text(JsonNode data, String field) {
    JsonNode node = data.get(field);
    return node == null || node.isNull() ? null : node.asString();
  }

  /** Takes the money once; false if another submission took it first. */
  private boolean succeed(SandboxPayment p, String cardFingerprint, boolean webhookLost) {
    if (!store.moveWithCard(
        p.id(),
        Status.SUCCEEDED,
        cardFingerprint,
        Status.REQUIRES_CARD,
        Status.REQUIRES_AUTHENTICATION)) {
      return false;
    }
    p = p.withCard(cardFingerprint);
    notify(p, BankNotification.Type.PAYMENT_SUCCEEDED, null, null, webhookLost);
    return true;
  }

  /** The card's stable fingerprint: {@code fp_} and 32 hex digits of HMAC-SHA256(key, number). */
  String fingerprint(String cardNumber) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
      byte[] digest = mac.doFinal(cardNumber.getBytes(StandardCharsets.US_ASCII));
      return "fp_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Whether {@code card} is 13 to 19 digits passing the Luhn check. */
  static boolean luhnValid(String card) {
    if (!card.matches("\\d{13,19}")) {
      return false;
    }
    int sum = 0;
    boolean twice = false;
    for (int i = card.length() - 1; i >= 0; i--) {
      int digit = card.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private void fail(SandboxPayment p, String code) {
    notify(p, BankNotification.Type.PAYMENT_FAILED, code, null, false);
  }

  private void notify(
      SandboxPayment p,
      BankNotification.Type type,
      String failureCode,
      String refundId,
      boolean lost) {
    notify(p, type, failureCode, refundId, p.amountCents(), lost);
  }

  private void notify(
      SandboxPayment p,
      BankNotification.Type type,
      String failureCode,
      String refundId,
      long amountCents,
      boolean lost) {
    Instant created = clock.instant();
    BankNotification n =
        new BankNotification(
            "evt_" + UUID.randomUUID().toString().replace("-", ""),
            type,
            p.reference(),
            p.id(),
            amountCents,
            p.currency(),
            failureCode,
            refundId,
            created,
            type == BankNotification.Type.PAYMENT_SUCCEEDED ? p.cardFingerprint() : null);
    String body = body(n);
    Behaviour b = behaviour;
    store.addWebhook(
        new SandboxBankStore.StoredWebhook(
            n.bankEventId(),
            p.id(),
            body,
            created,
            lost,
            false,
            0,
            lost ? null : created.plus(b.delay())));
    if (lost) {
      log.info(
          "Sandbox bank: timeout, webhook {} for {} will never be sent", n.bankEventId(), p.id());
      return;
    }
    for (int copy = 0; copy <= b.duplicates(); copy++) {
      long jitter =
          b.jitter().isZero() ? 0 : ThreadLocalRandom.current().nextLong(b.jitter().toMillis() + 1);
      scheduler.schedule(
          () -> attempt(n.bankEventId(), body, 1),
          b.delay().toMillis() + jitter,
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Sends again, after a restart, every webhook that was neither delivered nor given up: at its
   * planned time, or at once if that time passed while the platform was down.
   */
  public void resumePendingDeliveries() {
    Instant now = clock.instant();
    List<SandboxBankStore.StoredWebhook> pending = store.toResume(maxAttempts);
    for (SandboxBankStore.StoredWebhook w : pending) {
      long wait = Math.max(0, Duration.between(now, w.nextAttemptAt()).toMillis());
      scheduler.schedule(
          () -> attempt(w.bankEventId(), w.body(), w.attempts() + 1), wait, TimeUnit.MILLISECONDS);
    }
    if (!pending.isEmpty()) {
      log.info("Sandbox bank: resuming {} webhook deliveries after a restart", pending.size());
    }
  }

  static String body(BankNotification n) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("payment", n.providerPaymentId());
    data.put("reference", n.paymentId());
    data.put("amount", n.amountCents());
    data.put("currency", n.currency());
    data.put("failure_code", n.failureCode());
    data.put("refund", n.refundId());
    data.put("card_fingerprint", n.cardFingerprint());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("id", n.bankEventId());
    root.put(
        "type",
        switch (n.type()) {
          case PAYMENT_SUCCEEDED -> "payment.succeeded";
          case PAYMENT_FAILED -> "payment.failed";
          case REFUND_SUCCEEDED -> "refund.succeeded";
        });
    root.put("created", n.createdAt().getEpochSecond());
    root.put("data", data);
    return JSON.writeValueAsString(root);
  }

  private void attempt(String bankEventId, String body, int attempt) {
    store.attempted(bankEventId);
    HttpRequest request =
        HttpRequest.newBuilder(addresses.webhookUrl())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, signature.header(body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              if (error == null && response.statusCode() / 100 == 2) {
                store.delivered(bankEventId);
                return;
              }
              String why = error != null ? error.toString() : "HTTP " + response.statusCode();
              if (attempt >= maxAttempts) {
                store.nextAttemptAt(bankEventId, null);
                log.warn(
                    "Sandbox bank: gave up webhook {} after {} attempts ({})",
                    bankEventId,
                    attempt,
                    why);
                return;
              }
              long wait = retryBase.toMillis() * (1L << Math.min(attempt - 1, 16));
              store.nextAttemptAt(bankEventId, clock.instant().plusMillis(wait));
              log.info(
                  "Sandbox bank: webhook {} attempt {} failed ({}), retry in {} ms",
                  bankEventId,
                  attempt,
                  why,
                  wait);
              scheduler.schedule(
                  () -> attempt(bankEventId, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
            });
  }

  /** How many delivery attempts were made for all webhooks so far. */
  public int deliveryAttempts() {
    return store.deliveryAttempts();
  }

  public void shutdown() {
    scheduler.shutdownNow();
  }
}
