package fr.guichet.command.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.event.EventDomainEvent.WaitingListOfferMadeEvent;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.account.AccountService;
import fr.guichet.command.mail.MailCommands.RecordMailSentCommand;
import fr.guichet.command.mail.MailCommands.WasMailSentCommand;
import fr.guichet.command.ticket.PlaceNames;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The offer of places from the waiting list goes to the buyer's verified address, once, in their
 * language, with the places, the time they are held until (Paris time) and the link to pay.
 */
class WaitingListMailProcessTest {

  /** 19:40 in Paris (winter time). */
  private static final Instant HELD_UNTIL = Instant.parse("2026-11-27T18:40:00Z");

  private final List<Object> commandsSent = new ArrayList<>();
  private final List<MimeMessage> delivered = new ArrayList<>();
  private final AtomicBoolean smtpDown = new AtomicBoolean();
  private final AccountService accounts = mock(AccountService.class);
  private boolean alreadySent;
  private WaitingListMailProcess process;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() {
    CommandGateway commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenAnswer(
            call -> {
              Object command = call.getArgument(0);
              commandsSent.add(command);
              return command instanceof WasMailSentCommand ? alreadySent : null;
            });
    JavaMailSender sender = mock(JavaMailSender.class);
    when(sender.createMimeMessage())
        .thenAnswer(call -> new MimeMessage(Session.getInstance(new Properties())));
    doAnswer(
            call -> {
              if (smtpDown.get()) {
                throw new MailSendException("451 try again later");
              }
              delivered.add(call.getArgument(0));
              return null;
            })
        .when(sender)
        .send(any(MimeMessage.class));
    ObjectProvider<JavaMailSender> mailer = mock(ObjectProvider.class);
    when(mailer.getIfAvailable()).thenReturn(sender);
    PlaceNames names = mock(PlaceNames.class);
    when(names.of(anyString(), anyCollection()))
        .thenReturn(Map.of("ORCH-A-5", new PlaceName("ORCH-A-5", "Orchestre", "A", 5)));
    when(accounts.verifiedEmailOf("chloe")).thenReturn(Optional.of("chloe@example.org"));
    process =
        new WaitingListMailProcess(
            commands,
            mailer,
            accounts,
            names,
            "billetterie@guichet.test",
            "https://billets.example.org/");
  }

  private static WaitingListOfferMadeEvent offer(String customer, String locale) {
    return new WaitingListOfferMadeEvent(
        "event-1", customer, "order-7", List.of("ORCH-A-5", "ORCH-A-6"), HELD_UNTIL, locale);
  }

  @Test
  void the_offer_names_the_places_the_time_and_the_link_to_pay_in_french_by_default()
      throws Exception {
    process.on(offer("chloe", null));

    assertThat(delivered).singleElement();
    MimeMessage mail = delivered.get(0);
    assertThat(mail.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("chloe@example.org");
    assertThat(mail.getSubject()).startsWith("Des places vous attendent").contains("19h40");
    String body = text(mail);
    assertThat(body)
        .contains("Orchestre, rang A, place 5")
        .contains("ORCH-A-6")
        .contains("19h40")
        .contains("https://billets.example.org/checkout.html?order=order-7");
    assertThat(commandsSent)
        .containsExactly(
            new WasMailSentCommand("mail-waiting-list-offer-order-7"),
            new RecordMailSentCommand(
                "mail-waiting-list-offer-order-7",
                "WAITING_LIST_OFFER",
                "order-7",
                "chloe@example.org",
                null));
  }

  @Test
  void the_offer_is_in_english_for_an_english_buyer() throws Exception {
    process.on(offer("chloe", "en"));

    MimeMessage mail = delivered.get(0);
    assertThat(mail.getSubject())
        .isEqualTo("Places are waiting for you — pay before Friday 27 November at 19:40");
    assertThat(text(mail)).contains("Orchestre, row A, seat 5").contains("Pay for my places");
  }

  @Test
  void a_buyer_without_a_verified_address_gets_no_mail() throws Exception {
    when(accounts.verifiedEmailOf("nobody")).thenReturn(Optional.empty());
    when(accounts.verifiedEmailOf("unverified"))
        .thenThrow(
            new CommandRejectedException(Rejection.forbidden("email-not-verified", "verify")));

    process.on(offer("nobody", "fr"));
    process.on(offer("unverified", "fr"));

    assertThat(delivered).isEmpty();
    assertThat(commandsSent).isEmpty();
  }

  @Test
  void an_smtp_refusal_is_retried_and_a_sent_offer_is_never_sent_again() throws Exception {
    smtpDown.set(true);
    assertThatThrownBy(() -> process.on(offer("chloe", "fr")))
        .isInstanceOf(MailSendException.class);

    smtpDown.set(false);
    process.on(offer("chloe", "fr"));
    assertThat(delivered).hasSize(1);

    alreadySent = true;
    process.on(offer("chloe", "fr"));
    assertThat(delivered).hasSize(1);
  }

  @Test
  void the_offer_is_never_mailed_again_on_replay() throws Exception {
    Method handler =
        WaitingListMailProcess.class.getDeclaredMethod("on", WaitingListOfferMadeEvent.class);
    assertThat(handler.isAnnotationPresent(EventHandler.class)).isTrue();
    assertThat(handler.isAnnotationPresent(DisallowReplay.class)).isTrue();
  }

  private static String text(Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof Multipart multipart) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i)));
      }
      return all.toString();
    }
    return content instanceof String string ? string : "";
  }
}
