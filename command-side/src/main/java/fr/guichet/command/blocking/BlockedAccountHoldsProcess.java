package fr.guichet.command.blocking;

import fr.guichet.api.account.AccountDomainEvent.AccountBlockedEvent;
import fr.guichet.api.event.EventCommand.ReleaseHoldCommand;
import fr.guichet.api.event.EventDomainEvent.HeldPlacesSoldEvent;
import fr.guichet.api.event.EventDomainEvent.HoldExpiredEvent;
import fr.guichet.api.event.EventDomainEvent.HoldReleasedEvent;
import fr.guichet.api.event.EventDomainEvent.PlacesHeldEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.persistence.SchemaStatements;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Releases the active holds of a blocked account. It follows every hold of every event (the active
 * ones, in a table of its own), so when a block arrives it knows which holds to release; a hold
 * recorded after the block (a request that passed the check just before it) is released as soon as
 * it is seen. Each release is sent on behalf of the manager who blocked the account, with {@code
 * cause=account-blocked} in its metadata. Idempotent: releasing an ended hold changes nothing, and
 * a hold sold meanwhile stays sold.
 */
@Component
@ProcessingGroup(BlockedAccountHoldsProcess.NAME)
class BlockedAccountHoldsProcess {

  static final String NAME = "blocked-account-holds";
  private static final Logger log = LoggerFactory.getLogger(BlockedAccountHoldsProcess.class);

  private final JdbcTemplate jdbc;
  private final CommandGateway commands;
  private final BlockedAccounts blocked;

  BlockedAccountHoldsProcess(JdbcTemplate jdbc, CommandGateway commands, BlockedAccounts blocked) {
    this.jdbc = jdbc;
    this.commands = commands;
    this.blocked = blocked;
    SchemaStatements.apply(
        jdbc,
        "CREATE TABLE IF NOT EXISTS guichet_active_hold ("
            + " order_id VARCHAR(100) PRIMARY KEY,"
            + " event_id VARCHAR(100) NOT NULL,"
            + " customer_id VARCHAR(100) NOT NULL)");
    SchemaStatements.apply(
        jdbc,
        "CREATE INDEX IF NOT EXISTS guichet_active_hold_customer"
            + " ON guichet_active_hold (customer_id)");
  }

  @EventHandler
  void on(PlacesHeldEvent event) {
    var block = blocked.find(event.customerId());
    if (block.isPresent()) {
      release(event.eventId(), event.orderId(), event.customerId(), block.get().blockedBy(), null);
      return;
    }
    jdbc.update("DELETE FROM guichet_active_hold WHERE order_id = ?", event.orderId());
    jdbc.update(
        "INSERT INTO guichet_active_hold (order_id, event_id, customer_id) VALUES (?, ?, ?)",
        event.orderId(),
        event.eventId(),
        event.customerId());
  }

  @EventHandler
  void on(HoldReleasedEvent event) {
    ended(event.orderId());
  }

  @EventHandler
  void on(HoldExpiredEvent event) {
    ended(event.orderId());
  }

  @EventHandler
  void on(HeldPlacesSoldEvent event) {
    ended(event.orderId());
  }

  @EventHandler
  void on(AccountBlockedEvent event, @MetaDataValue("actorRole") String role) {
    List<Map<String, Object>> holds =
        jdbc.queryForList(
            "SELECT order_id, event_id FROM guichet_active_hold WHERE customer_id = ?",
            event.accountId());
    for (Map<String, Object> hold : holds) {
      release(
          (String) hold.get("event_id"),
          (String) hold.get("order_id"),
          event.accountId(),
          event.blockedBy(),
          role);
    }
  }

  private void ended(String orderId) {
    jdbc.update("DELETE FROM guichet_active_hold WHERE order_id = ?", orderId);
  }

  private void release(
      String eventId, String orderId, String customerId, String blockedBy, String role) {
    Map<String, Object> audit = new HashMap<>();
    audit.put("actorId", blockedBy == null ? "system" : blockedBy);
    audit.put("actorRole", role == null ? "MANAGER" : role);
    audit.put("cause", "account-blocked");
    try {
      commands.sendAndWait(
          GenericCommandMessage.asCommandMessage(
                  new ReleaseHoldCommand(eventId, orderId, customerId))
              .andMetaData(MetaData.from(audit)));
      log.info("Released hold {} of blocked account {}", orderId, customerId);
    } catch (CommandRejectedException | CommandExecutionException e) {
      log.info(
          "Hold {} of blocked account {} was not released: {}",
          orderId,
          customerId,
          e.getMessage());
    }
    ended(orderId);
  }
}
