package fr.guichet.query.seatmap;

import static org.assertj.core.api.Assertions.assertThat;

import fr.guichet.api.event.SeatAttribute;
import fr.guichet.query.Plans;
import fr.guichet.query.seatmap.SeatMapLayout.Seat;
import org.junit.jupiter.api.Test;

class SeatMapLayoutTest {

  private final SeatMapLayout layout = SeatMapLayout.of("ev-1", 2, Plans.smallHall());

  @Test
  void every_place_gets_its_index_in_plan_order() {
    assertThat(layout.placeCount()).isEqualTo(24);
    Seat first = layout.sections().get(0).rows().get(0).seats().get(0);
    assertThat(first.id()).isEqualTo("ORCH-A-1");
    assertThat(first.i()).isZero();
    Seat balcony = layout.sections().get(1).rows().get(0).seats().get(0);
    assertThat(balcony.id()).isEqualTo("BALC-A-1");
    assertThat(balcony.i()).isEqualTo(10);
    assertThat(balcony.attributes()).containsExactly(SeatAttribute.ACCESSIBLE);
    assertThat(layout.zones().get(0).firstIndex()).isEqualTo(14);
    assertThat(layout.zones().get(0).capacity()).isEqualTo(10);
  }

  @Test
  void seats_are_drawn_left_to_right_and_rows_back_from_the_stage() {
    var rowA = layout.sections().get(0).rows().get(0);
    var rowB = layout.sections().get(0).rows().get(1);
    assertThat(rowA.label()).isEqualTo("A");
    assertThat(rowB.y()).isGreaterThan(rowA.y());
    assertThat(rowA.seats().get(1).x() - rowA.seats().get(0).x())
        .isEqualTo(SeatMapLayout.SEAT_PITCH);
    var balcony = layout.sections().get(1);
    assertThat(balcony.y()).isGreaterThan(layout.sections().get(0).y());
    assertThat(balcony.rows().get(0).seats().get(0).x())
        .as("a narrower row is centred")
        .isGreaterThan(rowA.seats().get(0).x());
    assertThat(layout.zones().get(0).y()).isGreaterThan(balcony.y());
    assertThat(layout.height()).isGreaterThan(layout.zones().get(0).y());
  }

  @Test
  void categories_carry_their_price_range() {
    var carreOr = layout.categories().get(0);
    assertThat(carreOr.code()).isEqualTo("CARRE_OR");
    assertThat(carreOr.minPriceCents()).isEqualTo(6000);
    assertThat(carreOr.maxPriceCents()).isEqualTo(8000);
  }

  @Test
  void the_etag_changes_only_with_the_plan_version() {
    assertThat(layout.etag()).isEqualTo(SeatMapLayout.of("ev-1", 2, Plans.smallHall()).etag());
    assertThat(layout.etag()).isNotEqualTo(SeatMapLayout.of("ev-1", 7, Plans.smallHall()).etag());
  }
}
