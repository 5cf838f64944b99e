package fr.guichet.standalone.support;

/** Seating plans as a manager would send them, in JSON. */
public final class Plans {

  private Plans() {}

  /** "Carré Or" rows A-B × 1-10, category 1 row C × 1-10, a pit of 50 standing places. */
  public static final String FESTIVAL =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]},
         {"code":"C1","name":"Catégorie 1","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":5000}]},
         {"code":"STD","name":"Fosse","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":3500}]}],
       "sections":[{"code":"ORCH","name":"Orchestre","blocks":[
         {"rows":"A-B","firstSeat":1,"lastSeat":10,"category":"OR"},
         {"rows":"C","firstSeat":1,"lastSeat":10,"category":"C1","attributes":["ACCESSIBLE"]}]}],
       "zones":[{"code":"FOSSE","name":"Fosse","capacity":50,"category":"STD"}]}
      """;

  /** Twenty seats, rows A-B × 1-10, all in "Carré Or": the scarce inventory of the race tests. */
  public static final String TWENTY_SEATS =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]}],
       "sections":[{"code":"ORCH","name":"Orchestre","blocks":[
         {"rows":"A-B","firstSeat":1,"lastSeat":10,"category":"OR"}]}],
       "zones":[]}
      """;

  /** Four seats, row A × 1-4, all in "Carré Or": sold out by one buyer, for the waiting list. */
  public static final String FOUR_SEATS =
      """
      {"categories":[
         {"code":"OR","name":"Carré Or","tiers":[{"code":"FULL","name":"Plein tarif","priceCents":9000}]}],
       "sections":[{"code":"ORCH","name":"Orchestre","blocks":[
         {"rows":"A","firstSeat":1,"lastSeat":4,"category":"OR"}]}],
       "zones":[]}
      """;
}
