package fr.guichet.command.security;

import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/**
 * Spring Security's strict firewall, with its header rules checked by a loop over the characters
 * instead of a regular expression. The rules are Spring's own: every character assigned in Unicode,
 * no control character, a tab allowed in values. Spring checks them each time a header is read,
 * with a pattern of composed character predicates; a bearer token is several hundred characters
 * long and several filters read it, so this was 8-10 % of the CPU of a hold over HTTP
 * (bench/README.md, session 11). {@code HeaderFirewallTest} holds the two to the same answers.
 */
final class HeaderFirewall {

  private HeaderFirewall() {}

  static ServerWebExchangeFirewall strict() {
    StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
    firewall.setAllowedHeaderNames(HeaderFirewall::allowedName);
    firewall.setAllowedHeaderValues(HeaderFirewall::allowedValue);
    return firewall;
  }

  static boolean allowedName(String name) {
    return name == null || assignedAndNotControl(name, false);
  }

  static boolean allowedValue(String value) {
    return value == null || assignedAndNotControl(value, true);
  }

  private static boolean assignedAndNotControl(String text, boolean tabAllowed) {
    int length = text.length();
    for (int i = 0; i < length; ) {
      int codePoint = text.codePointAt(i);
      if (codePoint < 0x80) {
        boolean control = codePoint < 0x20 || codePoint == 0x7F;
        if (control && !(tabAllowed && codePoint == '\t')) {
          return false;
        }
      } else if (!Character.isDefined(codePoint)
          || Character.getType(codePoint) == Character.CONTROL) {
        return false;
      }
      i += Character.charCount(codePoint);
    }
    return true;
  }
}
