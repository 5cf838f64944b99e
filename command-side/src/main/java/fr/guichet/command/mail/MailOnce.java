package fr.guichet.command.mail;

import fr.guichet.command.mail.MailCommands.RecordMailSentCommand;
import fr.guichet.command.mail.MailCommands.WasMailSentCommand;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends a buyer's mail once (see {@link MailRecord}): skipped when its key was sent already,
 * recorded once the SMTP server took it; an SMTP refusal propagates so that the processor retries.
 */
final class MailOnce {

  private static final Logger log = LoggerFactory.getLogger(MailOnce.class);

  private final CommandGateway commands;
  private final ObjectProvider<JavaMailSender> mailer;

  MailOnce(CommandGateway commands, ObjectProvider<JavaMailSender> mailer) {
    this.commands = commands;
    this.mailer = mailer;
  }

  /** Builds the message once it is known to be needed. */
  interface Composer {
    MimeMessage compose(JavaMailSender sender) throws MessagingException;
  }

  void send(
      String mailKey, String kind, String orderId, String to, String locale, Composer composer)
      throws MessagingException {
    JavaMailSender sender = mailer.getIfAvailable();
    if (sender == null) {
      log.warn("No mail server configured (spring.mail.host): {} not sent to {}", mailKey, to);
      return;
    }
    Boolean sent = commands.sendAndWait(new WasMailSentCommand(mailKey));
    if (Boolean.TRUE.equals(sent)) {
      return;
    }
    try {
      sender.send(composer.compose(sender));
    } catch (MailException e) {
      log.warn("SMTP refused {} for {}; the processor will retry: {}", mailKey, to, e.getMessage());
      throw e;
    }
    commands.sendAndWait(new RecordMailSentCommand(mailKey, kind, orderId, to, locale));
  }
}
