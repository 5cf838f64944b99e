package fr.guichet.command.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends account links by e-mail, in French by default or in English (the language the person used
 * the site in), through the platform's {@link JavaMailSender} (configured with spring.mail.*).
 * Without a mail server, and only when {@code guichet.security.log-account-links} is on (embedded
 * development defaults), the link is written to the log at INFO instead; otherwise it is dropped
 * with a warning, so that no token ever reaches a production log.
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

  /** The link that confirms a new account's address, in French unless {@code language} is "en". */
  void verificationLink(String email, String link, String language) {
    boolean en = english(language);
    send(
        email,
        en ? "Guichet: confirm your e-mail address" : "Guichet : confirmez votre adresse e-mail",
        en
            ? "Welcome to Guichet. Open this link within 24 hours to confirm your address:\n\n"
                + link
                + "\n\nIf you did not sign up, ignore this message."
            : "Bienvenue sur Guichet. Ouvrez ce lien dans les 24 heures pour confirmer votre"
                + " adresse :\n\n"
                + link
                + "\n\nSi vous ne vous êtes pas inscrit, ignorez ce message.",
        link);
  }

  /** The link that chooses a new password, in French unless {@code language} is "en". */
  void passwordResetLink(String email, String link, String language) {
    boolean en = english(language);
    send(
        email,
        en ? "Guichet: choose a new password" : "Guichet : choisissez un nouveau mot de passe",
        en
            ? "Open this link within 30 minutes to choose a new password:\n\n"
                + link
                + "\n\nIf you did not ask for it, ignore this message; your password is unchanged."
            : "Ouvrez ce lien dans les 30 minutes pour choisir un nouveau mot de passe :\n\n"
                + link
                + "\n\nSi vous ne l'avez pas demandé, ignorez ce message : votre mot de passe"
                + " reste inchangé.",
        link);
  }

  /** A sign-up with an address that has an account, in French unless {@code language} is "en". */
  void alreadyRegistered(String email, String language) {
    boolean en = english(language);
    send(
        email,
        en
            ? "Guichet: someone tried to sign up with your address"
            : "Guichet : quelqu'un a tenté de s'inscrire avec votre adresse",
        en
            ? "An account already exists for this address. If it was you, sign in or reset your"
                + " password. Otherwise, ignore this message."
            : "Un compte existe déjà pour cette adresse. Si c'était vous, connectez-vous ou"
                + " choisissez un nouveau mot de passe. Sinon, ignorez ce message.",
        null);
  }

  private static boolean english(String language) {
    return "en".equals(language);
  }

  private void send(String to, String subject, String text, String link) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender != null) {
      // UTF-8 whatever the platform's default charset: French mails carry accents.
      sender.send(
          message -> {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text);
          });
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
