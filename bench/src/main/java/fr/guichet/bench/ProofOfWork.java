package fr.guichet.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.altcha.altcha.Altcha;

/**
 * Solves ALTCHA challenges (SHA-256 of salt + number) as the widget's workers do, in ≈ a tenth of
 * the CPU of {@code Altcha.solveChallenge}: the salt is digested once and its state cloned for each
 * number, and digests are compared as bytes. The visitors' proofs of work run on the load
 * generator's CPU, which on one machine is taken from the platform, so this matters. {@link
 * #selfCheck()} compares it with the library's solver before a run.
 */
final class ProofOfWork {

  private ProofOfWork() {}

  /** The number whose SHA-256 with the salt is {@code challenge}, or -1 up to {@code max}. */
  static long solve(String challenge, String salt, long max) {
    try {
      byte[] target = HexFormat.of().parseHex(challenge);
      MessageDigest base = MessageDigest.getInstance("SHA-256");
      base.update(salt.getBytes(StandardCharsets.UTF_8));
      byte[] digits = new byte[20];
      for (long n = 0; n <= max; n++) {
        MessageDigest md = (MessageDigest) base.clone();
        String s = Long.toString(n);
        for (int i = 0; i < s.length(); i++) {
          digits[i] = (byte) s.charAt(i);
        }
        md.update(digits, 0, s.length());
        if (MessageDigest.isEqual(md.digest(), target)) {
          return n;
        }
      }
      return -1;
    } catch (NoSuchAlgorithmException | CloneNotSupportedException | IllegalArgumentException e) {
      return -1;
    }
  }

  /** Solves 20 challenges made by the ALTCHA library both ways; throws if they disagree. */
  static void selfCheck() throws Exception {
    Altcha.ChallengeOptions options = new Altcha.ChallengeOptions();
    options.maxNumber = 5000L;
    options.hmacKey = "self-check";
    for (int i = 0; i < 20; i++) {
      Altcha.Challenge c = Altcha.createChallenge(options);
      Altcha.Solution library =
          Altcha.solveChallenge(c.challenge, c.salt, Altcha.Algorithm.SHA256, 5000, 0);
      long ours = solve(c.challenge, c.salt, 5000);
      if (library == null || library.number != ours) {
        throw new IllegalStateException(
            "proof-of-work solver disagrees with the ALTCHA library: "
                + ours
                + " vs "
                + (library == null ? null : library.number));
      }
    }
  }
}
