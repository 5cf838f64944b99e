package fr.guichet.api.mail;

import org.axonframework.serialization.Revision;

/**
 * What happened to one outgoing e-mail, identified by what it is about (e.g. an order's tickets).
 */
public sealed interface MailEvent {

  String mailKey();

  /** The SMTP server accepted the mail. */
  @Revision("1")
  record MailSentEvent(String mailKey, String kind, String orderId, String recipient, String locale)
      implements MailEvent {}
}
