package fr.guichet.command.pricing;

import java.util.regex.Pattern;

/** The shape of a subscription number: 3 to 32 upper-case letters, digits or dashes. */
final class SubscriptionNumber {

  static final Pattern SHAPE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

  private SubscriptionNumber() {}

  static boolean isWellFormed(String number) {
    return number != null && SHAPE.matcher(number).matches();
  }
}
