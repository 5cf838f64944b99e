package fr.guichet.command.abuse;

import fr.guichet.command.config.ServerSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A first-party device cookie, so that the box office can see many accounts buying from one
 * browser: on every API request, the cookie {@value #COOKIE} (128 random bits, set by this platform
 * when missing; {@code Secure; HttpOnly; SameSite=Strict}) is turned into a keyed hash, {@code
 * dv_…} (HMAC-SHA256 under a key derived from {@code guichet.secret-key}), passed on in the {@value
 * #HEADER} request header: {@link fr.guichet.command.web.CommandSender} puts it in the metadata of
 * every command (holds, payments), hence of their events, as {@code deviceId}.
 *
 * <p>Nothing about the person or the browser is read (no fingerprinting of user agent, screen or
 * fonts): the cookie is a random number that the browser sends back, the events keep only its hash,
 * and clearing the cookie makes a new device. A client that never sends cookies gets a new device
 * on every request: the signal catches shared browsers, not cookie-less bots (rate limits and the
 * address signal do).
 */
@Component
@Order(DeviceCookieFilter.ORDER)
public class DeviceCookieFilter implements WebFilter {

  /** Before Spring Security's chain (-100): the header is ours whatever happens next. */
  static final int ORDER = -101;

  public static final String COOKIE = "guichet_device";
  public static final String HEADER = "X-Guichet-Device";
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final Duration LIFETIME = Duration.ofDays(365);

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  @Autowired
  DeviceCookieFilter(ServerSecrets secrets) {
    this(secrets.derive("abuse/device"));
  }

  DeviceCookieFilter(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!request.getPath().pathWithinApplication().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    HttpCookie cookie = request.getCookies().getFirst(COOKIE);
    String device = cookie == null ? null : cookie.getValue();
    if (device == null || !VALUE.matcher(device).matches()) {
      device = newDevice();
      exchange
          .getResponse()
          .addCookie(
              ResponseCookie.from(COOKIE, device)
                  .path("/")
                  .maxAge(LIFETIME)
                  .httpOnly(true)
                  .secure(true)
                  .sameSite("Strict")
                  .build());
    }
    String hashed = hash(device);
    ServerHttpRequest tagged =
        request.mutate().headers(headers -> headers.set(HEADER, hashed)).build();
    return chain.filter(exchange.mutate().request(tagged).build());
  }

  private String newDevice() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The only form of a device that leaves this filter: {@code dv_} and 128 bits of its HMAC. */
  String hash(String device) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(device.getBytes(StandardCharsets.UTF_8));
      return "dv_"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
