package fr.guichet.api.payment;

/**
 * One place an order pays for, at the price recorded by pricing when the payment was asked for.
 *
 * @param category the price category code of the place
 * @param categoryName the category's name, for tickets and e-mails
 * @param rate the rate chosen (FULL, STUDENT, SUBSCRIBER, GROUP)
 */
public record PaidPlace(
    String placeId,
    String category,
    String categoryName,
    String tier,
    long baseCents,
    long discountCents,
    long priceCents,
    String rate) {}
