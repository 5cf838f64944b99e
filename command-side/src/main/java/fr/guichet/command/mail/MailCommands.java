package fr.guichet.command.mail;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the record of one outgoing e-mail. */
final class MailCommands {

  private MailCommands() {}

  /** Answers true when this mail was already sent (so it must not be sent again). */
  record WasMailSentCommand(@TargetAggregateIdentifier String mailKey) {}

  record RecordMailSentCommand(
      @TargetAggregateIdentifier String mailKey,
      String kind,
      String orderId,
      String recipient,
      String locale) {}
}
