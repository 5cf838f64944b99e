package fr.guichet.command.blocking;

import fr.guichet.api.account.AccountDomainEvent.AccountBlockedEvent;
import fr.guichet.api.account.AccountDomainEvent.AccountUnblockedEvent;
import fr.guichet.command.persistence.SchemaStatements;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The accounts blocked now, with why, by whom and since when: what the box office lists and what
 * every hold and payment is checked against. Written by a subscribing processor ({@value #NAME},
 * see application.properties), in the transaction that records the block, so a block is in force on
 * every node as soon as the manager's request returns.
 */
@Component
@ProcessingGroup(BlockedAccounts.NAME)
public class BlockedAccounts {

  static final String NAME = "blocked-accounts";

  private final JdbcTemplate jdbc;

  BlockedAccounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    SchemaStatements.apply(
        jdbc,
        "CREATE TABLE IF NOT EXISTS guichet_blocked_account ("
            + " account_id VARCHAR(100) PRIMARY KEY,"
            + " reason VARCHAR(500) NOT NULL,"
            + " blocked_by VARCHAR(100),"
            + " blocked_at TIMESTAMP WITH TIME ZONE NOT NULL)");
  }

  /** One block in force. */
  public record Block(String accountId, String reason, String blockedBy, Instant blockedAt) {}

  @EventHandler
  void on(AccountBlockedEvent event, @Timestamp Instant at) {
    jdbc.update("DELETE FROM guichet_blocked_account WHERE account_id = ?", event.accountId());
    jdbc.update(
        "INSERT INTO guichet_blocked_account (account_id, reason, blocked_by, blocked_at)"
            + " VALUES (?, ?, ?, ?)",
        event.accountId(),
        event.reason(),
        event.blockedBy(),
        java.sql.Timestamp.from(at));
  }

  @EventHandler
  void on(AccountUnblockedEvent event) {
    jdbc.update("DELETE FROM guichet_blocked_account WHERE account_id = ?", event.accountId());
  }

  /** The block on {@code accountId}, if any. Blocking JDBC: call it off the event loop. */
  public Optional<Block> find(String accountId) {
    return jdbc
        .query(
            "SELECT account_id, reason, blocked_by, blocked_at FROM guichet_blocked_account"
                + " WHERE account_id = ?",
            (rs, i) ->
                new Block(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getTimestamp(4).toInstant()),
            accountId)
        .stream()
        .findFirst();
  }

  /** Every block in force, newest first. */
  List<Block> all(int limit) {
    return jdbc.query(
        "SELECT account_id, reason, blocked_by, blocked_at FROM guichet_blocked_account"
            + " ORDER BY blocked_at DESC LIMIT "
            + limit,
        (rs, i) ->
            new Block(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
  }
}
