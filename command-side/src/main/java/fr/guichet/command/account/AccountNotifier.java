package fr.guichet.command.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends account links by e-mail through the platform's {@link JavaMailSender} (configured with
 * spring.mail.*). Without a mail server, and only when {@code guichet.security.log-account-links}
 * is on (embedded development defaults), the link is written to the log at INFO instead; otherwise
 * it is dropped with a warning, so that no token ever reaches a production log.
 */
@Component
class AccountNotifier {

  private static final Logger log = LoggerFactory.getLogger(AccountNotifier.class);

  private final ObjectProvider<JavaMailSender> mail;
  private final boolean logLinks;
  private final String from;

  AccountNotifier(
      ObjectProvider<JavaMailSender> mail,
      @Value("${guichet.security.log-account-links:false}") boolean logLinks,
      @Value("${guichet.mail.from:billetterie@guichet.example}") String from) {
    this.mail = mail;
    this.logLinks = logLinks;
    this.from = from;
  }

  void verificationLink(String email, String link) {
    send(
        email,
        "Guichet: confirm your e-mail address",
        "Welcome to Guichet. Open this link within 24 hours to confirm your address:\n\n"
            + link
            + "\n\nIf you did not sign up, ignore this message.",
        link);
  }

  void passwordResetLink(String email, String link) {
    send(
        email,
        "Guichet: choose a new password",
        "Open this link within 30 minutes to choose a new password:\n\n"
            + link
            + "\n\nIf you did not ask for it, ignore this message; your password is unchanged.",
        link);
  }

  void alreadyRegistered(String email) {
    send(
        email,
        "Guichet: someone tried to sign up with your address",
        "An account already exists for this address. If it was you, sign in or reset your"
            + " password. Otherwise, ignore this message.",
        null);
  }

  private void send(String to, String subject, String text, String link) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender != null) {
      SimpleMailMessage message = new SimpleMailMessage();
      message.setFrom(from);
      message.setTo(to);
      message.setSubject(subject);
      message.setText(text);
      sender.send(message);
      return;
    }
    if (logLinks) {
      log.info(
          "No mail server (spring.mail.host); development copy of \"{}\" for {}: {}",
          subject,
          masked(to),
          link == null ? "(no link)" : link);
    } else {
      log.warn("No mail server configured: \"{}\" was not sent to {}", subject, masked(to));
    }
  }

  static String masked(String email) {
    int at = email.indexOf('@');
    return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
  }
}
