package fr.guichet.command.mail;

import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.command.account.AccountService;
import fr.guichet.command.ticket.PlaceNames;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Tells a buyer of the waiting list that places are held for them: which, until when, and the link
 * to pay. Its own processor, so that the offer never waits behind the tickets mails ({@code
 * buyer-mail}), which trail far behind during an onsale while the offer lasts only minutes. Each
 * offer is mailed once (see {@link MailRecord}); an SMTP failure propagates and the processor
 * retries.
 */
@Component
@ProcessingGroup(WaitingListMailProcess.NAME)
class WaitingListMailProcess {

  static final String NAME = "waiting-list-mail";
  static final ZoneId VENUE_ZONE = ZoneId.of("Europe/Paris");
  private static final Logger log = LoggerFactory.getLogger(WaitingListMailProcess.class);

  private final MailOnce once;
  private final AccountService accounts;
  private final PlaceNames placeNames;
  private final String from;
  private final String publicUrl;

  WaitingListMailProcess(
      CommandGateway commands,
      ObjectProvider<JavaMailSender> mailer,
      AccountService accounts,
      PlaceNames placeNames,
      @Value("${guichet.mail.from:billetterie@guichet.localhost}") String from,
      @Value("${guichet.public-url:http://localhost:8080}") String publicUrl) {
    this.once = new MailOnce(commands, mailer);
    this.accounts = accounts;
    this.placeNames = placeNames;
    this.from = from;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  @EventHandler
  @DisallowReplay
  void on(WaitingListOfferMadeEvent e) throws MessagingException {
    Optional<String> address;
    try {
      address = accounts.verifiedEmailOf(e.customerId());
    } catch (CommandRejectedException unverified) {
      address = Optional.empty();
    }
    if (address.isEmpty()) {
      log.info(
          "Order {}: places offered from the waiting list to {}, who has no verified address",
          e.orderId(),
          e.customerId());
      return;
    }
    String to = address.get();
    once.send(
        "mail-waiting-list-offer-" + e.orderId(),
        "WAITING_LIST_OFFER",
        e.orderId(),
        to,
        e.locale(),
        sender -> offer(sender, to, e, placeNames.of(e.eventId(), e.placeIds())));
  }

  /** The offer, in English for an English locale, else in French. */
  MimeMessage offer(
      JavaMailSender sender, String to, WaitingListOfferMadeEvent e, Map<String, PlaceName> names)
      throws MessagingException {
    boolean en = e.locale() != null && e.locale().toLowerCase(Locale.ROOT).startsWith("en");
    String link = publicUrl + "/checkout.html?order=" + e.orderId();
    String until =
        DateTimeFormatter.ofPattern(
                en ? "EEEE d MMMM 'at' HH:mm" : "EEEE d MMMM 'à' HH'h'mm",
                en ? Locale.ENGLISH : Locale.FRANCE)
            .format(e.heldUntil().atZone(VENUE_ZONE));
    MimeMessageHelper helper = new MimeMessageHelper(sender.createMimeMessage(), true, "UTF-8");
    helper.setFrom(from);
    helper.setTo(to);
    helper.setSubject(
        en
            ? "Places are waiting for you — pay before " + until
            : "Des places vous attendent — à payer avant " + until);
    StringBuilder text = new StringBuilder();
    StringBuilder html =
        new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\"><p>");
    String intro =
        en
            ? "Places came back and, as you are on the waiting list, we are holding them for you"
                + " until "
                + until
                + " (Paris time):"
            : "Des places se sont libérées et, comme vous êtes sur la liste d'attente, nous les"
                + " gardons pour vous jusqu'au "
                + until
                + " (heure de Paris) :";
    text.append(en ? "Hello,\n\n" : "Bonjour,\n\n").append(intro).append("\n\n");
    html.append(en ? "Hello," : "Bonjour,").append("</p><p>").append(esc(intro)).append("</p><ul>");
    for (String placeId : e.placeIds()) {
      String label = PlaceName.labelOf(names, placeId, en);
      text.append("- ").append(label).append('\n');
      html.append("<li>").append(esc(label)).append("</li>");
    }
    String pay =
        en
            ? "Pay for them before then, or they go to the next person on the list:"
            : "Payez-les avant cette heure, sinon elles iront à la personne suivante sur la liste :";
    String button = en ? "Pay for my places" : "Payer mes places";
    text.append('\n').append(pay).append('\n').append(link).append('\n');
    html.append("</ul><p>")
        .append(esc(pay))
        .append("</p><p><a href=\"")
        .append(esc(link))
        .append("\">")
        .append(esc(button))
        .append("</a></p><p>")
        .append(esc(link))
        .append("</p></body></html>");
    helper.setText(text.toString(), html.toString());
    return helper.getMimeMessage();
  }

  private static String esc(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s);
  }
}
