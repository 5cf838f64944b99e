package fr.guichet.api.order;

/**
 * The rate a buyer chooses for one ticket.
 *
 * @param placeId the ticket's place
 * @param rate FULL, STUDENT (needs {@code studentProof}), SUBSCRIBER (needs {@code
 *     subscriptionNumber}) or GROUP
 * @param studentProof reference of the student card or certificate the box office will check
 * @param subscriptionNumber the buyer's subscription number
 */
public record RateChoice(
    String placeId, Rate rate, String studentProof, String subscriptionNumber) {

  public enum Rate {
    FULL,
    STUDENT,
    SUBSCRIBER,
    GROUP
  }

  public static RateChoice full(String placeId) {
    return new RateChoice(placeId, Rate.FULL, null, null);
  }
}
