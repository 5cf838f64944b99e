package fr.guichet.command.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.command.ticket.PlaceNames.PlaceName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tickets PDF: well-formed, one page per ticket, its text readable, its QR codes scannable. */
class TicketPdfTest {

  static TicketPdf.Page page(String place, String holder, String code) {
    return page(place, null, holder, code);
  }

  static TicketPdf.Page page(String place, PlaceName name, String holder, String code) {
    return new TicketPdf.Page(
        "Festival des Lumières (soirée d'ouverture)",
        "Grande Salle",
        Instant.parse("2027-07-14T18:30:00Z"),
        place,
        name,
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
  void a_seat_shows_its_section_row_and_number_and_a_standing_place_its_zone_and_number() {
    String french =
        new TicketPdfReader(
                TicketPdf.render(
                    List.of(
                        page(
                            "ORCH-B-12",
                            new PlaceName("ORCH-B-12", "Orchestre", "B", 12),
                            "Zoë",
                            "code-1"),
                        page(
                            "FOSSE-17", new PlaceName("FOSSE-17", "Fosse", null, 17), "Zoë", "c2")),
                    "fr"))
            .assertWellFormed(2)
            .text();
    assertThat(french)
        .contains("(Section) Tj", "(Orchestre) Tj", "(Rang) Tj", "(B) Tj", "(12) Tj")
        .contains("(Zone) Tj", "(Fosse) Tj", "(Place debout n°) Tj", "(17) Tj")
        .doesNotContain("(ORCH-B-12)", "(FOSSE-17)");

    String english =
        new TicketPdfReader(
                TicketPdf.render(
                    List.of(
                        page(
                            "ORCH-B-12",
                            new PlaceName("ORCH-B-12", "Orchestre", "B", 12),
                            "Zoë",
                            "code-1")),
                    "en"))
            .text();
    assertThat(english).contains("(Section) Tj", "(Row) Tj", "(B) Tj", "(Seat) Tj", "(12) Tj");
  }

  @Test
  void without_the_seating_plan_the_place_id_is_shown() {
    String text =
        new TicketPdfReader(TicketPdf.render(List.of(page("ORCH-B-12", "Zoë", "code-1")), "fr"))
            .text();
    assertThat(text).contains("(Place) Tj", "(ORCH-B-12) Tj").doesNotContain("(Rang)");
  }

  @Test
  void long_titles_wrap_on_words_and_stop_at_three_lines() {
    assertThat(TicketPdf.wrap("Les Nuits de Fourvière présentent un concert exceptionnel", 20))
        .containsExactly("Les Nuits de", "Fourvière présentent", "un concert");
  }
}
