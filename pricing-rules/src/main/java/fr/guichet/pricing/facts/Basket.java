package fr.guichet.pricing.facts;

import java.time.Duration;
import java.time.Instant;

/** The basket being priced, as rules see it. */
public class Basket {

  private final int size;
  private final Instant saleTime;
  private final Instant salesOpenedAt;

  public Basket(int size, Instant saleTime, Instant salesOpenedAt) {
    this.size = size;
    this.saleTime = saleTime;
    this.salesOpenedAt = salesOpenedAt == null ? saleTime : salesOpenedAt;
  }

  /** Number of tickets in the order. */
  public int getSize() {
    return size;
  }

  public Instant getSaleTime() {
    return saleTime;
  }

  public Instant getSalesOpenedAt() {
    return salesOpenedAt;
  }

  /** Whole minutes between the opening of sales and this sale. */
  public long getMinutesSinceSalesOpened() {
    return Duration.between(salesOpenedAt, saleTime).toMinutes();
  }

  /** Whole days between the opening of sales and this sale. */
  public long getDaysSinceSalesOpened() {
    return Duration.between(salesOpenedAt, saleTime).toDays();
  }
}
