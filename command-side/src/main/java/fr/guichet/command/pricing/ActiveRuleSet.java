package fr.guichet.command.pricing;

import fr.guichet.pricing.PriceCalculator;

/** The rule-set version in force, ready to price. */
public interface ActiveRuleSet {

  /**
   * The version in force.
   *
   * @throws IllegalStateException while no version is published yet
   */
  Version current();

  record Version(String ruleSetId, int version, String contentHash, PriceCalculator calculator) {}
}
