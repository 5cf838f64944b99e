package fr.guichet.command.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.guichet.api.order.OrderDomainEvent.OrderPlacesCancelledEvent;
import fr.guichet.api.payment.PaymentEvent.PaymentRefundRequestedEvent;
import fr.guichet.api.payment.PaymentEvent.RefundReason;
import fr.guichet.command.mail.MailCommands.RecordMailSentCommand;
import fr.guichet.command.mail.MailCommands.WasMailSentCommand;
import fr.guichet.command.order.BoxOfficeSale;
import fr.guichet.command.order.DescribeBoxOfficeSaleCommand;
import fr.guichet.command.payment.PaymentCommands.DescribePaymentCommand;
import fr.guichet.command.payment.PaymentDetails;
import fr.guichet.command.secrets.LocalSecrets;
import fr.guichet.command.ticket.PlaceNames;
import fr.guichet.command.ticket.PlaceNames.PlaceName;
import fr.guichet.command.ticket.TicketCodes;
import fr.guichet.command.ticket.TicketCommands.DescribeTicketsCommand;
import fr.guichet.command.ticket.TicketCommands.IssuedTickets;
import fr.guichet.command.ticket.TicketSigningKeys;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Cancelled places are told to the buyer once, in their language (French by default), naming the
 * places and the amount given back, by the bank or at the counter.
 */
class PlacesCancellationMailTest {

  @TempDir Path dataDir;

  private final List<Object> commandsSent = new ArrayList<>();
  private final List<MimeMessage> delivered = new ArrayList<>();
  private String paymentId = "pay-1";
  private String locale = "en";
  private String email = "bea@example.org";
  private BuyerMailProcess process;

  private static final OrderPlacesCancelledEvent CANCELLED =
      new OrderPlacesCancelledEvent(
          "order-1",
          "event-1",
          "c1",
          List.of("ORCH-A-2"),
          6300,
          List.of("ORCH-A-1"),
          9000,
          "seat broken",
          "manager-1");

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() {
    CommandGateway commands = mock(CommandGateway.class);
    when(commands.sendAndWait(any()))
        .thenAnswer(
            call -> {
              Object command = call.getArgument(0);
              commandsSent.add(command);
              if (command instanceof DescribeTicketsCommand) {
                return new IssuedTickets("order-1", "event-1", paymentId, "Béa", List.of());
              }
              if (command instanceof DescribePaymentCommand) {
                return new PaymentDetails(
                    "pay-1",
                    "order-1",
                    "event-1",
                    "bea",
                    "sandbox",
                    "sbx_1",
                    null,
                    15300,
                    "EUR",
                    List.of(),
                    "Béa",
                    email,
                    locale,
                    PaymentDetails.PaymentStatus.PARTLY_REFUNDED,
                    null,
                    null,
                    null,
                    null,
                    RefundReason.PLACES_CANCELLED,
                    6300);
              }
              if (command instanceof DescribeBoxOfficeSaleCommand) {
                return new BoxOfficeSale(
                    "order-1", "event-1", paymentId, "Béa", email, locale, List.of());
              }
              return command instanceof WasMailSentCommand ? false : null;
            });
    JavaMailSender sender = mock(JavaMailSender.class);
    when(sender.createMimeMessage())
        .thenAnswer(call -> new MimeMessage(Session.getInstance(new Properties())));
    doAnswer(
            call -> {
              delivered.add(call.getArgument(0));
              return null;
            })
        .when(sender)
        .send(any(MimeMessage.class));
    ObjectProvider<JavaMailSender> mailer = mock(ObjectProvider.class);
    when(mailer.getIfAvailable()).thenReturn(sender);
    PlaceNames names = mock(PlaceNames.class);
    when(names.of(anyString(), anyCollection()))
        .thenReturn(Map.of("ORCH-A-2", new PlaceName("ORCH-A-2", "Orchestre", "A", 2)));
    TicketCodes codes =
        new TicketCodes(
            new TicketSigningKeys(
                "", List.of(), "", List.of(), new LocalSecrets(dataDir.toString())));
    process = new BuyerMailProcess(commands, mailer, codes, names, "billetterie@guichet.test");
  }

  @Test
  void the_buyer_is_told_in_english_which_places_were_cancelled_and_what_the_bank_gives_back()
      throws Exception {
    process.on(CANCELLED);

    assertThat(delivered).singleElement();
    MimeMessage mail = delivered.get(0);
    assertThat(mail.getSubject()).isEqualTo("Places cancelled in order order-1 — refund of €63.00");
    assertThat((String) mail.getContent())
        .contains("seat broken")
        .contains("Orchestre")
        .contains("€63.00")
        .contains("Your other tickets stay valid");
    assertThat(commandsSent)
        .contains(
            new RecordMailSentCommand(
                "mail-places-cancellation-order-1-c1",
                "PLACES_CANCELLATION",
                "order-1",
                "bea@example.org",
                "en"));
  }

  @Test
  void a_box_office_sale_is_told_in_french_by_default_that_the_counter_gives_the_money_back()
      throws Exception {
    paymentId = BoxOfficeSale.reference("order-1");
    locale = "fr";
    process.on(CANCELLED);

    MimeMessage mail = delivered.get(0);
    assertThat(mail.getSubject())
        .startsWith("Places annulées dans la commande order-1 — remboursement de 63,00");
    assertThat((String) mail.getContent()).contains("au guichet").contains("restent valables");
  }

  @Test
  void no_address_no_mail_and_the_partial_refund_itself_sends_none() throws Exception {
    email = null;
    process.on(CANCELLED);
    process.on(
        new PaymentRefundRequestedEvent(
            "pay-1",
            "order-1",
            "event-1",
            "pay-1:refund:c1",
            6300,
            RefundReason.PLACES_CANCELLED,
            "manager-1",
            "seat broken"));
    assertThat(delivered).isEmpty();
  }
}
