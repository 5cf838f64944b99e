package fr.guichet.command.mail;

import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import fr.guichet.command.ticket.QrCodes;
import fr.guichet.command.ticket.TicketCodes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

/** The e-mails a buyer receives, in French by default or in English. */
final class BuyerMails {

  private final TicketCodes codes;
  private final String from;

  BuyerMails(TicketCodes codes, String from) {
    this.codes = codes;
    this.from = from;
  }

  /**
   * The tickets: a summary, the price of each ticket, and one inline QR code PNG per ticket. Places
   * are named from {@code names} (the seating plan's section, row and seat), by id when missing.
   */
  MimeMessage tickets(
      JavaMailSender mailer,
      String to,
      String locale,
      String orderId,
      String eventId,
      String holderName,
      List<IssuedTicket> tickets,
      Map<String, PlaceName> names)
      throws MessagingException {
    boolean en = "en".equals(locale);
    MimeMessageHelper helper = addressed(mailer, to, true);
    MimeMessage message = helper.getMimeMessage();
    helper.setSubject(en ? "Your tickets — order " + orderId : "Vos billets — commande " + orderId);
    long total = tickets.stream().mapToLong(IssuedTicket::priceCents).sum();
    StringBuilder html =
        new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
    html.append("<p>")
        .append(en ? "Hello" : "Bonjour")
        .append(holderName == null || holderName.isBlank() ? "" : " " + esc(holderName))
        .append(",</p><p>")
        .append(
            en
                ? "Your payment is confirmed. Here are your tickets: show each QR code at the door."
                : "Votre paiement est confirmé. Voici vos billets : présentez chaque QR code à"
                    + " l'entrée.")
        .append("</p><table cellpadding=6 style=\"border-collapse:collapse\">");
    html.append("<tr><th align=left>")
        .append(en ? "Place" : "Place")
        .append("</th><th align=left>")
        .append(en ? "Category" : "Catégorie")
        .append("</th><th align=right>")
        .append(en ? "Price" : "Prix")
        .append("</th></tr>");
    for (IssuedTicket t : tickets) {
      html.append("<tr><td>")
          .append(esc(PlaceName.labelOf(names, t.placeId(), en)))
          .append("</td><td>")
          .append(esc(t.categoryName()))
          .append("</td><td align=right>")
          .append(money(t.priceCents(), en))
          .append("</td></tr>");
    }
    html.append("<tr><td colspan=2><strong>")
        .append(en ? "Total paid" : "Total payé")
        .append("</strong></td><td align=right><strong>")
        .append(money(total, en))
        .append("</strong></td></tr></table>");
    for (IssuedTicket t : tickets) {
      html.append("<div style=\"margin:1em 0;padding:1em;border:1px solid #ccc\"><p><strong>")
          .append(en ? "Ticket " : "Billet ")
          .append(esc(t.ticketId()))
          .append("</strong><br>")
          .append(esc(PlaceName.labelOf(names, t.placeId(), en)))
          .append(" — ")
          .append(esc(t.categoryName()))
          .append("<br>")
          .append(en ? "Holder: " : "Titulaire : ")
          .append(esc(t.holderName() != null ? t.holderName() : holderName))
          .append("</p><img alt=\"QR ")
          .append(esc(t.ticketId()))
          .append("\" src=\"cid:")
          .append(cid(t))
          .append("\" width=240 height=240></div>");
    }
    html.append("<p>")
        .append(
            en
                ? "Each ticket admits one person once; it is bound to the holder's name."
                : "Chaque billet permet une seule entrée ; il est nominatif.")
        .append("</p></body></html>");
    helper.setText(plain(en, tickets, total, names), html.toString());
    for (IssuedTicket t : tickets) {
      String code = codes.sign(orderId, t.number(), t.issueNumber(), eventId);
      helper.addInline(cid(t), new ByteArrayResource(QrCodes.png(code, 320)), "image/png");
    }
    return message;
  }

  /** Paid too late: the places were not sold, the money goes back. */
  MimeMessage lateRefund(
      JavaMailSender mailer, String to, String locale, String orderId, long amountCents)
      throws MessagingException {
    boolean en = "en".equals(locale);
    MimeMessageHelper helper = addressed(mailer, to, false);
    MimeMessage message = helper.getMimeMessage();
    helper.setSubject(
        en
            ? "Payment too late — refund of order " + orderId
            : "Paiement trop tardif — remboursement de la commande " + orderId);
    helper.setText(
        en
            ? "Your payment of "
                + money(amountCents, true)
                + " arrived after your places' reservation had ended, so they could not be sold"
                + " to you. We are refunding it in full; no action is needed."
            : "Votre paiement de "
                + money(amountCents, false)
                + " est arrivé après la fin de la réservation de vos places : elles n'ont pas pu"
                + " vous être vendues. Nous vous le remboursons intégralement, sans démarche de"
                + " votre part.");
    return message;
  }

  /** Over a purchase cap: the places were not sold, the money goes back. */
  MimeMessage purchaseCapRefund(
      JavaMailSender mailer, String to, String locale, String orderId, long amountCents)
      throws MessagingException {
    boolean en = "en".equals(locale);
    MimeMessageHelper helper = addressed(mailer, to, false);
    MimeMessage message = helper.getMimeMessage();
    helper.setSubject(
        en
            ? "Purchase limit reached — refund of order " + orderId
            : "Limite d'achat atteinte — remboursement de la commande " + orderId);
    helper.setText(
        en
            ? "The card you paid with, or your account's e-mail address, has already bought the"
                + " most places this event allows per buyer. Your places were released and we are"
                + " refunding "
                + money(amountCents, true)
                + " in full; no action is needed."
            : "La carte utilisée, ou l'adresse e-mail de votre compte, a déjà acheté le nombre"
                + " maximal de places autorisé par acheteur pour cet événement. Vos places ont été"
                + " libérées et nous vous remboursons intégralement "
                + money(amountCents, false)
                + ", sans démarche de votre part.");
    return message;
  }

  /** A manager cancelled the order: tickets void, money back. */
  MimeMessage cancellation(
      JavaMailSender mailer,
      String to,
      String locale,
      String orderId,
      long amountCents,
      String reason)
      throws MessagingException {
    boolean en = "en".equals(locale);
    MimeMessageHelper helper = addressed(mailer, to, false);
    MimeMessage message = helper.getMimeMessage();
    helper.setSubject(
        en
            ? "Order " + orderId + " cancelled and refunded"
            : "Commande " + orderId + " annulée et remboursée");
    helper.setText(
        en
            ? "Your order has been cancelled ("
                + reason
                + "). Its tickets are no longer valid. We are refunding "
                + money(amountCents, true)
                + "."
            : "Votre commande a été annulée ("
                + reason
                + "). Ses billets ne sont plus valables. Nous vous remboursons "
                + money(amountCents, false)
                + ".");
    return message;
  }

  /**
   * A manager cancelled some places of the order: those places named, their tickets void, what they
   * were paid given back (by the bank, or at the box office's counter); the other tickets stay
   * valid.
   */
  MimeMessage placesCancellation(
      JavaMailSender mailer,
      String to,
      String locale,
      String orderId,
      List<String> placeIds,
      Map<String, PlaceName> names,
      long refundCents,
      boolean orderCancelled,
      boolean atCounter,
      String reason)
      throws MessagingException {
    boolean en = "en".equals(locale);
    MimeMessageHelper helper = addressed(mailer, to, false);
    MimeMessage message = helper.getMimeMessage();
    helper.setSubject(
        en
            ? (orderCancelled
                    ? "Order " + orderId + " cancelled"
                    : "Places cancelled in order " + orderId)
                + " — refund of "
                + money(refundCents, true)
            : (orderCancelled
                    ? "Commande " + orderId + " annulée"
                    : "Places annulées dans la commande " + orderId)
                + " — remboursement de "
                + money(refundCents, false));
    StringBuilder text = new StringBuilder();
    text.append(
        en
            ? "These places of your order were cancelled (" + reason + "):\n"
            : "Ces places de votre commande ont été annulées (" + reason + ") :\n");
    for (String placeId : placeIds) {
      text.append("- ").append(PlaceName.labelOf(names, placeId, en)).append('\n');
    }
    text.append(
        en ? "Their tickets are no longer valid. " : "Leurs billets ne sont plus valables. ");
    if (atCounter) {
      text.append(
          en
              ? "The box office gives you back " + money(refundCents, true) + " at its counter."
              : "La billetterie vous rend " + money(refundCents, false) + " au guichet.");
    } else {
      text.append(
          en
              ? "We are refunding " + money(refundCents, true) + " to your card."
              : "Nous vous remboursons " + money(refundCents, false) + " sur votre carte.");
    }
    if (!orderCancelled) {
      text.append(
          en ? "\nYour other tickets stay valid." : "\nVos autres billets restent valables.");
    }
    helper.setText(text.toString());
    return message;
  }

  private static String plain(
      boolean en, List<IssuedTicket> tickets, long total, Map<String, PlaceName> names) {
    StringBuilder text = new StringBuilder(en ? "Your tickets:\n" : "Vos billets :\n");
    for (IssuedTicket t : tickets) {
      text.append("- ")
          .append(PlaceName.labelOf(names, t.placeId(), en))
          .append(" (")
          .append(t.categoryName())
          .append(") ")
          .append(money(t.priceCents(), en))
          .append('\n');
    }
    text.append(en ? "Total paid: " : "Total payé : ").append(money(total, en)).append('\n');
    return text.toString();
  }

  static String cid(IssuedTicket t) {
    return "ticket-" + t.number();
  }

  private static String money(long cents, boolean en) {
    return en
        ? String.format(Locale.ENGLISH, "€%,.2f", cents / 100.0)
        : String.format(Locale.FRANCE, "%,.2f €", cents / 100.0);
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }

  /** A new mail from the box office to {@code to}, in UTF-8 whatever the platform's charset. */
  private MimeMessageHelper addressed(JavaMailSender mailer, String to, boolean multipart)
      throws MessagingException {
    MimeMessageHelper helper =
        new MimeMessageHelper(mailer.createMimeMessage(), multipart, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to);
    return helper;
  }
}
