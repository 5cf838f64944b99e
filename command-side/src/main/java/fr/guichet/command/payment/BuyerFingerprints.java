package fr.guichet.command.payment;

import fr.guichet.command.config.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The per-buyer cap counts by verified mailbox, not by account: one person opening several accounts
 * on aliases of one mailbox ({@code ann+1@…}, {@code ann+2@…}, {@code a.n.n@gmail.com}) shares one
 * allowance. The mailbox enters events only as a keyed hash ({@code mb_} and 32 hex digits of
 * HMAC-SHA256 under a key derived from the platform's secret), never as an address.
 */
@Component
public class BuyerFingerprints {

  private final byte[] key;

  BuyerFingerprints(ServerSecrets secrets) {
    this.key = secrets.derive("buyers/mailbox-fingerprint");
  }

  /** The fingerprint of an e-mail address's canonical mailbox. */
  public String mailbox(String email) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(canonicalMailbox(email).getBytes(StandardCharsets.UTF_8));
      return "mb_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * The mailbox an address delivers to: lower case, without a sub-address ({@code +tag}, which
   * Gmail, Outlook, iCloud, Fastmail and Proton all deliver to the main mailbox), and for Gmail
   * without the dots, which Gmail ignores ({@code googlemail.com} is {@code gmail.com}).
   */
  static String canonicalMailbox(String email) {
    String address = email.trim().toLowerCase(Locale.ROOT);
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      return address;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
      local = local.replace(".", "");
      domain = "gmail.com";
    }
    return local + "@" + domain;
  }
}
