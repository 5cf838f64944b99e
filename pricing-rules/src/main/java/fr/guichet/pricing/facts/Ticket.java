package fr.guichet.pricing.facts;

import java.util.LinkedHashMap;
import java.util.Map;

/** One ticket of the basket, as rules see it; prices are in euro cents. */
public class Ticket {

  private final String id;
  private final String category;
  private final String rate;
  private final boolean studentProofGiven;
  private final boolean subscriptionValid;
  private final int placesTakenBefore;
  private final Map<String, Long> tierPrices;

  public Ticket(
      String id,
      String category,
      String rate,
      boolean studentProofGiven,
      boolean subscriptionValid,
      int placesTakenBefore,
      Map<String, Long> tierPrices) {
    this.id = id;
    this.category = category;
    this.rate = rate;
    this.studentProofGiven = studentProofGiven;
    this.subscriptionValid = subscriptionValid;
    this.placesTakenBefore = placesTakenBefore;
    this.tierPrices = new LinkedHashMap<>(tierPrices);
  }

  public String getId() {
    return id;
  }

  /** The price category code, e.g. CARRE_OR. */
  public String getCategory() {
    return category;
  }

  /** FULL, STUDENT, SUBSCRIBER or GROUP. */
  public String getRate() {
    return rate;
  }

  public boolean isStudentProofGiven() {
    return studentProofGiven;
  }

  public boolean isSubscriptionValid() {
    return subscriptionValid;
  }

  /** Places of this category held or sold before this ticket (earlier orders, then the basket). */
  public int getPlacesTakenBefore() {
    return placesTakenBefore;
  }

  public boolean hasTier(String code) {
    return tierPrices.containsKey(code);
  }

  public Long priceOf(String tier) {
    return tierPrices.get(tier);
  }

  public int getTierCount() {
    return tierPrices.size();
  }

  /** STANDARD when the category has it, otherwise its first tier; null without tiers. */
  public String getFullPriceTier() {
    if (tierPrices.containsKey("STANDARD")) {
      return "STANDARD";
    }
    return tierPrices.isEmpty() ? null : tierPrices.keySet().iterator().next();
  }

  @Override
  public String toString() {
    return "Ticket " + id + " (" + category + ", " + rate + ")";
  }
}
