package fr.guichet.command.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.ticket.IssuedTicket;
import fr.guichet.api.ticket.TicketEvent.TicketsIssuedEvent;
import fr.guichet.command.mail.MailCommands.RecordMailSentCommand;
import fr.guichet.command.mail.MailCommands.WasMailSentCommand;
import fr.guichet.command.secrets.LocalSecrets;
import fr.guichet.command.ticket.PlaceNames;
import fr.guichet.command.ticket.TicketCodes;
import fr.guichet.command.ticket.TicketSigningKeys;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The tickets e-mail goes to the address the tickets were issued with, once; tickets sold at the
 * counter without an address are printed, not mailed; an SMTP refusal is left to the processor to
 * retry, and the mail is recorded as sent only once the server took it.
 */
class BuyerMailProcessTest {

  @TempDir Path dataDir;

  private final List<Object> commandsSent = new ArrayList<>();
  private final List<MimeMessage> delivered = new ArrayList<>();
  private final AtomicBoolean smtpDown = new AtomicBoolean();
  private boolean alreadySent;
  private BuyerMailProcess process;

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
    when(names.of(anyString(), anyCollection())).thenReturn(Map.of());
    TicketCodes codes =
        new TicketCodes(
            new TicketSigningKeys(
                "", List.of(), "", List.of(), new LocalSecrets(dataDir.toString())));
    process = new BuyerMailProcess(commands, mailer, codes, names, "billetterie@guichet.test");
  }

  private static TicketsIssuedEvent issued(String email, String locale) {
    return new TicketsIssuedEvent(
        "order-1",
        "event-1",
        "box-office:order-1",
        "Chloe Bernard",
        email,
        locale,
        List.of(new IssuedTicket("order-1/1", 1, "ORCH-A-5", "OR", "Carré Or", 9000, 1)));
  }

  @Test
  void tickets_sold_at_the_counter_without_an_address_send_no_mail() throws Exception {
    process.on(issued(null, null));
    process.on(issued(" ", "fr"));

    assertThat(delivered).isEmpty();
    assertThat(commandsSent).isEmpty();
  }

  @Test
  void the_tickets_mail_goes_to_the_given_address_in_its_language_and_is_recorded_once_sent()
      throws Exception {
    process.on(issued("chloe@example.org", "en"));

    assertThat(delivered).singleElement();
    MimeMessage mail = delivered.get(0);
    assertThat(mail.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("chloe@example.org");
    assertThat(mail.getSubject()).isEqualTo("Your tickets — order order-1");
    assertThat(commandsSent)
        .containsExactly(
            new WasMailSentCommand("mail-tickets-order-1"),
            new RecordMailSentCommand(
                "mail-tickets-order-1", "TICKETS", "order-1", "chloe@example.org", "en"));
  }

  @Test
  void an_smtp_refusal_is_retried_by_the_processor_and_a_sent_mail_is_never_sent_again()
      throws Exception {
    smtpDown.set(true);
    assertThatThrownBy(() -> process.on(issued("chloe@example.org", "fr")))
        .isInstanceOf(MailSendException.class);
    assertThat(commandsSent).containsExactly(new WasMailSentCommand("mail-tickets-order-1"));

    smtpDown.set(false);
    process.on(issued("chloe@example.org", "fr"));
    assertThat(delivered).singleElement();
    assertThat(delivered.get(0).getSubject()).isEqualTo("Vos billets — commande order-1");

    alreadySent = true;
    process.on(issued("chloe@example.org", "fr"));
    assertThat(delivered).hasSize(1);
  }
}
