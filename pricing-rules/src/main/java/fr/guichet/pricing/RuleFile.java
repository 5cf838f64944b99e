package fr.guichet.pricing;

import java.util.regex.Pattern;

/**
 * One rule file of a rule set.
 *
 * @param name a file name such as {@code discounts.drl} (lower-case letters, digits and dashes)
 * @param content the rules, in DRL
 */
public record RuleFile(String name, String content) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.drl");

  public boolean hasValidName() {
    return name != null && NAME.matcher(name).matches();
  }
}
