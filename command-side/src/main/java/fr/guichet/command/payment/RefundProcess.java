package fr.guichet.command.payment;

import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentCommands.RecordRefundSentCommand;
import fr.guichet.command.payment.PaymentGateway.RefundRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Sends every requested refund through the payment's provider. Providers refund once per refund id,
 * so a redelivered event never refunds twice; a failing provider is retried by the processor.
 */
@Component
@ProcessingGroup(RefundProcess.NAME)
class RefundProcess {

  static final String NAME = "payment-refunds";

  private final CommandGateway commands;
  private final PaymentGateways gateways;

  RefundProcess(CommandGateway commands, PaymentGateways gateways) {
    this.commands = commands;
    this.gateways = gateways;
  }

  @EventHandler
  void on(PaymentRefundRequestedEvent event) {
    PaymentDetails payment = commands.sendAndWait(new DescribePaymentCommand(event.paymentId()));
    gateways
        .byName(payment.provider())
        .refund(
            new RefundRequest(
                payment.paymentId(),
                payment.providerPaymentId(),
                event.refundId(),
                event.amountCents()));
    commands.sendAndWait(new RecordRefundSentCommand(event.paymentId(), event.refundId()));
  }
}
