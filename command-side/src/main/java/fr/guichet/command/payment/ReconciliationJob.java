package fr.guichet.command.payment;

import fr.guichet.api.payment.PaymentEvent.Source;
import fr.guichet.command.payment.PaymentCommands.RecordBankNotificationCommand;
import fr.guichet.command.payment.PaymentGateway.BankNotification;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks every provider for the notifications it could not deliver (a lost webhook, a bank timeout)
 * and records them as if they had arrived: recording is idempotent on the bank's event id, so a
 * webhook that arrives later as well changes nothing.
 */
@Component
public class ReconciliationJob {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

  private final PaymentGateways gateways;
  private final CommandGateway commands;
  private final Duration olderThan;

  ReconciliationJob(
      PaymentGateways gateways,
      CommandGateway commands,
      @Value("${guichet.payments.reconciliation.older-than:PT1M}") Duration olderThan) {
    this.gateways = gateways;
    this.commands = commands;
    this.olderThan = olderThan;
  }

  @Scheduled(
      fixedDelayString = "${guichet.payments.reconciliation.interval:PT30S}",
      initialDelayString = "${guichet.payments.reconciliation.interval:PT30S}")
  public void reconcile() {
    for (PaymentGateway gateway : gateways.all()) {
      for (BankNotification n : gateway.undeliveredNotifications(olderThan)) {
        try {
          commands.sendAndWait(
              GenericCommandMessage.asCommandMessage(
                      new RecordBankNotificationCommand(n.paymentId(), n, Source.RECONCILIATION))
                  .andMetaData(
                      MetaData.from(
                          Map.of(
                              "actorId",
                              "reconciliation:" + gateway.name(),
                              "actorRole",
                              "SYSTEM",
                              "bankEventId",
                              n.bankEventId()))));
        } catch (RuntimeException e) {
          log.warn(
              "Reconciliation could not record {} for payment {}: {}",
              n.bankEventId(),
              n.paymentId(),
              e.getMessage());
        }
      }
    }
  }
}
