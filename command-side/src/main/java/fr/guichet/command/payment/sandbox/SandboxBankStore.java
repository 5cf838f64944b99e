package fr.guichet.command.payment.sandbox;

import fr.guichet.command.payment.sandbox.SandboxBank.SandboxPayment;
import fr.guichet.command.payment.sandbox.SandboxBank.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The sandbox bank's books, in the command side's own database (tables {@code
 * sandbox_bank_payments} and {@code sandbox_bank_webhooks}, created by {@code
 * db/sandbox-bank-*.sql}): a restart of the platform forgets neither an unpaid payment, nor a
 * webhook still to deliver, nor what reconciliation asks for. State changes are conditional
 * updates, so two nodes sharing the database never pay or refund a payment twice.
 */
class SandboxBankStore {

  /** A webhook the bank owes the platform, as stored. */
  record StoredWebhook(
      String bankEventId,
      String paymentId,
      String body,
      Instant createdAt,
      boolean lost,
      boolean delivered,
      int attempts,
      Instant nextAttemptAt) {}

  private static final RowMapper<SandboxPayment> PAYMENT =
      (rs, n) ->
          new SandboxPayment(
              rs.getString("id"),
              rs.getString("reference"),
              rs.getLong("amount_cents"),
              rs.getString("currency"),
              rs.getString("description"),
              rs.getString("return_path"),
              rs.getString("locale"),
              Status.valueOf(rs.getString("status")),
              rs.getString("refund_id"),
              rs.getString("card_fingerprint"));

  private static final RowMapper<StoredWebhook> WEBHOOK =
      (rs, n) -> {
        long next = rs.getLong("next_attempt_at_ms");
        Instant nextAttempt = rs.wasNull() ? null : Instant.ofEpochMilli(next);
        return new StoredWebhook(
            rs.getString("bank_event_id"),
            rs.getString("payment_id"),
            rs.getString("body"),
            Instant.ofEpochMilli(rs.getLong("created_at_ms")),
            rs.getBoolean("lost"),
            rs.getBoolean("delivered"),
            rs.getInt("attempts"),
            nextAttempt);
      };

  private final JdbcTemplate jdbc;

  SandboxBankStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a new payment unless one exists for its reference; answers the stored one. */
  SandboxPayment open(SandboxPayment payment, Instant at) {
    Optional<SandboxPayment> existing = byReference(payment.reference());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      jdbc.update(
          "INSERT INTO sandbox_bank_payments (id, reference, amount_cents, currency, description,"
              + " return_path, locale, status, refund_id, created_at_ms)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
          payment.id(),
          payment.reference(),
          payment.amountCents(),
          payment.currency(),
          payment.description(),
          payment.returnPath(),
          payment.locale(),
          payment.status().name(),
          at.toEpochMilli());
      return payment;
    } catch (DuplicateKeyException raced) {
      return byReference(payment.reference()).orElseThrow(() -> raced);
    }
  }

  Optional<SandboxPayment> byId(String id) {
    return jdbc.query("SELECT * FROM sandbox_bank_payments WHERE id = ?", PAYMENT, id).stream()
        .findFirst();
  }

  private Optional<SandboxPayment> byReference(String reference) {
    return jdbc
        .query("SELECT * FROM sandbox_bank_payments WHERE reference = ?", PAYMENT, reference)
        .stream()
        .findFirst();
  }

  /** Moves a payment from one of {@code from} to {@code to}; false if it was in none of them. */
  boolean move(String id, Status to, Status... from) {
    StringBuilder sql =
        new StringBuilder(
            "UPDATE sandbox_bank_payments SET status = ? WHERE id = ? AND status IN (");
    Object[] args = new Object[2 + from.length];
    args[0] = to.name();
    args[1] = id;
    for (int i = 0; i < from.length; i++) {
      sql.append(i == 0 ? "?" : ", ?");
      args[2 + i] = from[i].name();
    }
    sql.append(')');
    return jdbc.update(sql.toString(), args) == 1;
  }

  /** {@link #move}, also recording the card the buyer entered. */
  boolean moveWithCard(String id, Status to, String cardFingerprint, Status... from) {
    StringBuilder sql =
        new StringBuilder(
            "UPDATE sandbox_bank_payments SET status = ?, card_fingerprint = ? WHERE id = ? AND"
                + " status IN (");
    Object[] args = new Object[3 + from.length];
    args[0] = to.name();
    args[1] = cardFingerprint;
    args[2] = id;
    for (int i = 0; i < from.length; i++) {
      sql.append(i == 0 ? "?" : ", ?");
      args[3 + i] = from[i].name();
    }
    sql.append(')');
    return jdbc.update(sql.toString(), args) == 1;
  }

  /** A refund the bank made, as stored. */
  record StoredRefund(String refundId, String paymentId, long amountCents, Instant createdAt) {}

  /** The refund of that id, if the bank made it. */
  Optional<StoredRefund> refundById(String refundId) {
    return jdbc
        .query(
            "SELECT * FROM sandbox_bank_refunds WHERE refund_id = ?",
            (rs, n) ->
                new StoredRefund(
                    rs.getString("refund_id"),
                    rs.getString("payment_id"),
                    rs.getLong("amount_cents"),
                    Instant.ofEpochMilli(rs.getLong("created_at_ms"))),
            refundId)
        .stream()
        .findFirst();
  }

  /** The refunds of one payment, oldest first. */
  List<StoredRefund> refundsOf(String paymentId) {
    return jdbc.query(
        "SELECT * FROM sandbox_bank_refunds WHERE payment_id = ? ORDER BY created_at_ms, refund_id",
        (rs, n) ->
            new StoredRefund(
                rs.getString("refund_id"),
                rs.getString("payment_id"),
                rs.getLong("amount_cents"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms"))),
        paymentId);
  }

  /**
   * Gives back {@code amountCents} of a succeeded payment under {@code refundId}, once, never more
   * than it took in all (a conditional update: two nodes cannot both give back the same money). The
   * payment is refunded once nothing is left of it. False if that refund was made already, or if it
   * would give back more than is left.
   */
  boolean refundPart(String id, String refundId, long amountCents, Instant at) {
    try {
      jdbc.update(
          "INSERT INTO sandbox_bank_refunds (refund_id, payment_id, amount_cents, created_at_ms)"
              + " VALUES (?, ?, ?, ?)",
          refundId,
          id,
          amountCents,
          at.toEpochMilli());
    } catch (DuplicateKeyException alreadyMade) {
      return false;
    }
    boolean taken =
        jdbc.update(
                "UPDATE sandbox_bank_payments SET refunded_cents = refunded_cents + ?,"
                    + " refund_id = COALESCE(refund_id, ?),"
                    + " status = CASE WHEN refunded_cents + ? >= amount_cents THEN ? ELSE status"
                    + " END WHERE id = ? AND status = ? AND refunded_cents + ? <= amount_cents",
                amountCents,
                refundId,
                amountCents,
                Status.REFUNDED.name(),
                id,
                Status.SUCCEEDED.name(),
                amountCents)
            == 1;
    if (!taken) {
      jdbc.update("DELETE FROM sandbox_bank_refunds WHERE refund_id = ?", refundId);
    }
    return taken;
  }

  void addWebhook(StoredWebhook webhook) {
    jdbc.update(
        "INSERT INTO sandbox_bank_webhooks (bank_event_id, payment_id, body, created_at_ms, lost,"
            + " delivered, attempts, next_attempt_at_ms) VALUES (?, ?, ?, ?, ?, FALSE, 0, ?)",
        webhook.bankEventId(),
        webhook.paymentId(),
        webhook.body(),
        webhook.createdAt().toEpochMilli(),
        webhook.lost(),
        webhook.nextAttemptAt() == null ? null : webhook.nextAttemptAt().toEpochMilli());
  }

  void attempted(String bankEventId) {
    jdbc.update(
        "UPDATE sandbox_bank_webhooks SET attempts = attempts + 1 WHERE bank_event_id = ?",
        bankEventId);
  }

  void delivered(String bankEventId) {
    jdbc.update(
        "UPDATE sandbox_bank_webhooks SET delivered = TRUE, next_attempt_at_ms = NULL"
            + " WHERE bank_event_id = ?",
        bankEventId);
  }

  /** When the next attempt is due; null: no more attempts (given up). */
  void nextAttemptAt(String bankEventId, Instant at) {
    jdbc.update(
        "UPDATE sandbox_bank_webhooks SET next_attempt_at_ms = ? WHERE bank_event_id = ?",
        at == null ? null : at.toEpochMilli(),
        bankEventId);
  }

  /** Webhooks never acknowledged with a 2xx, created between {@code since} and {@code before}. */
  List<StoredWebhook> undelivered(Instant since, Instant before) {
    return jdbc.query(
        "SELECT * FROM sandbox_bank_webhooks WHERE delivered = FALSE AND created_at_ms >= ?"
            + " AND created_at_ms <= ? ORDER BY created_at_ms",
        WEBHOOK,
        since.toEpochMilli(),
        before.toEpochMilli());
  }

  /** Webhooks still to send after a restart: not delivered, not lost, attempts left. */
  List<StoredWebhook> toResume(int maxAttempts) {
    return jdbc.query(
        "SELECT * FROM sandbox_bank_webhooks WHERE delivered = FALSE AND lost = FALSE"
            + " AND attempts < ? AND next_attempt_at_ms IS NOT NULL ORDER BY created_at_ms",
        WEBHOOK,
        maxAttempts);
  }

  int deliveryAttempts() {
    Integer sum =
        jdbc.queryForObject(
            "SELECT COALESCE(SUM(attempts), 0) FROM sandbox_bank_webhooks", Integer.class);
    return sum == null ? 0 : sum;
  }
}
