package fr.guichet.command.mail;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.guichet.api.mail.MailEvent.MailSentEvent;
import fr.guichet.command.mail.MailCommands.RecordMailSentCommand;
import fr.guichet.command.mail.MailCommands.WasMailSentCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Whether one e-mail (e.g. the tickets of an order) has been sent: a redelivered or replayed event
 * finds it sent and sends nothing. Only a crash between the SMTP server's acceptance and this
 * record could send it twice.
 */
@Aggregate
class MailRecord {

  @AggregateIdentifier private String mailKey;
  private boolean sent;

  MailRecord() {}

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  boolean handle(WasMailSentCommand c) {
    return sent;
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(RecordMailSentCommand c) {
    if (!sent) {
      apply(new MailSentEvent(c.mailKey(), c.kind(), c.orderId(), c.recipient(), c.locale()));
    }
  }

  @EventSourcingHandler
  void on(MailSentEvent e) {
    mailKey = e.mailKey();
    sent = true;
  }
}
