package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tickets PDF: well-formed, one page per ticket, its text readable, its QR codes scannable. */
class TicketPdfTest {

  static TicketPdf.Page page(String place, String holder, String code) {
    return new TicketPdf.Page(
        "Festival des Lumières (soirée d'ouverture)",
        "Grande Salle",
        Instant.parse("2027-07-14T18:30:00Z"),
        place,
        "Carré Or",
        holder,
        7200,
        "order-1/1",
        1,
        code);
  }

  @Test
  void every_ticket_gets_a_page_with_its_text_and_a_qr_code_that_scans_back_to_its_code()
      throws Exception {
    byte[] pdf =
        TicketPdf.render(
            List.of(
                page("ORCH-A-5", "Zoë Ñúñez", "code-one-ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                page("ORCH-A-6", "Łukasz (the 2nd)", "code-two-abcdefghijklmnopqrstuvwxyz")),
            "fr");
    TicketPdfReader reader = new TicketPdfReader(pdf).assertWellFormed(2);

    assertThat(reader.text())
        .contains("(Festival des Lumières \\(soirée d'ouverture\\))")
        .contains("(Zoë Ñúñez)")
        .contains("(?ukasz \\(the 2nd\\))")
        .contains("(72,00 €)")
        .contains("(mercredi 14 juillet 2027 20:30)");
    assertThat(reader.qrCodes())
        .containsExactly(
            "code-one-ABCDEFGHIJKLMNOPQRSTUVWXYZ", "code-two-abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void long_titles_wrap_on_words_and_stop_at_three_lines() {
    assertThat(TicketPdf.wrap("Les Nuits de Fourvière présentent un concert exceptionnel", 20))
        .containsExactly("Les Nuits de", "Fourvière présentent", "un concert");
  }
}
