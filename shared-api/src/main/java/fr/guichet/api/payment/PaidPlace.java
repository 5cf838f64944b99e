package fr.guichet.api.payment;

/**
 * One place an order pays for, at the price recorded by pricing when the payment was asked for.
 *
 * @param category the price category code of the place
 * @param categoryName the category's name, for tickets and e-mails
 * @param rate the rate chosen (FULL, STUDENT, SUBSCRIBER, GROUP)
 * @param holderName the name printed on this place's ticket; null when the buyer gave one name for
 *     the whole order (payments recorded before per-ticket names)
 */
public record PaidPlace(
    String placeId,
    String category,
    String categoryName,
    String tier,
    long baseCents,
    long discountCents,
    long priceCents,
    String rate,
    String holderName) {

  /** A place whose ticket holder is not named yet. */
  public PaidPlace(
      String placeId,
      String category,
      String categoryName,
      String tier,
      long baseCents,
      long discountCents,
      long priceCents,
      String rate) {
    this(placeId, category, categoryName, tier, baseCents, discountCents, priceCents, rate, null);
  }

  /** The same place with its ticket holder named. */
  public PaidPlace withHolder(String name) {
    return new PaidPlace(
        placeId, category, categoryName, tier, baseCents, discountCents, priceCents, rate, name);
  }
}
