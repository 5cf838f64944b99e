package fr.guichet.command.abuse;

import fr.guichet.command.web.ProblemWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Token buckets (bucket4j) per client address and per account on the sensitive flows: holding,
 * checkout (release, confirmation, payment) and sign-up / sign-in. Over the limit the answer is 429
 * problem+json with Retry-After, before anything else runs. Also feeds the {@link AbuseMonitor}.
 */
@Component
@Order(RateLimitFilter.ORDER)
class RateLimitFilter implements WebFilter {

  /**
   * Right after Spring Security's filter chain (order -100), so that the per-account buckets key on
   * the verified account ({@code X-Actor-Id} as the security chain sets it), never on a header a
   * client made up.
   */
  static final int ORDER = -99;

  private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

  enum Route {
    HOLD(Pattern.compile("^/api/events/([^/]+)/(?:holds|waiting-list)/?$")),
    CHECKOUT(
        Pattern.compile(
            "^/api/events/([^/]+)/holds/[^/]+/(?:release|confirmation|payment)/?$|^/api/(?:orders|checkout)(?:/.*)?$|^/api/payments(?!/webhooks/)(?:/.*)?$")),
    ACCOUNT(Pattern.compile("^/api/(?:accounts|auth|sign-up|signup|login|sessions)(?:/.*)?$"));

    final Pattern pattern;

    Route(Pattern pattern) {
      this.pattern = pattern;
    }
  }

  private final boolean enabled;
  private final boolean trustForwardedFor;
  private final Map<Route, long[]> limits; // per minute: {per address, per account}
  private final int maxKeys;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private final AbuseMonitor monitor;

  RateLimitFilter(
      AbuseMonitor monitor,
      @Value("${guichet.rate-limit.enabled:true}") boolean enabled,
      @Value("${guichet.rate-limit.trust-forwarded-for:false}") boolean trustForwardedFor,
      @Value("${guichet.rate-limit.hold.per-ip-per-minute:120}") long holdPerIp,
      @Value("${guichet.rate-limit.hold.per-account-per-minute:10}") long holdPerAccount,
      @Value("${guichet.rate-limit.checkout.per-ip-per-minute:240}") long checkoutPerIp,
      @Value("${guichet.rate-limit.checkout.per-account-per-minute:30}") long checkoutPerAccount,
      @Value("${guichet.rate-limit.account.per-ip-per-minute:20}") long accountPerIp,
      @Value("${guichet.rate-limit.account.per-account-per-minute:10}") long accountPerAccount,
      @Value("${guichet.rate-limit.max-tracked-keys:200000}") int maxKeys) {
    this.monitor = monitor;
    this.enabled = enabled;
    this.trustForwardedFor = trustForwardedFor;
    this.limits =
        Map.of(
            Route.HOLD, new long[] {holdPerIp, holdPerAccount},
            Route.CHECKOUT, new long[] {checkoutPerIp, checkoutPerAccount},
            Route.ACCOUNT, new long[] {accountPerIp, accountPerAccount});
    this.maxKeys = maxKeys;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!enabled || request.getMethod() != HttpMethod.POST) {
      return chain.filter(exchange);
    }
    String path = request.getPath().pathWithinApplication().value();
    for (Route route : Route.values()) {
      Matcher matcher = route.pattern.matcher(path);
      if (matcher.matches()) {
        String eventId = matcher.groupCount() >= 1 ? matcher.group(1) : null;
        return limited(exchange, chain, route, eventId);
      }
    }
    return chain.filter(exchange);
  }

  private Mono<Void> limited(
      ServerWebExchange exchange, WebFilterChain chain, Route route, String eventId) {
    ServerHttpRequest request = exchange.getRequest();
    String ip = clientAddress(request);
    String account = request.getHeaders().getFirst("X-Actor-Id");
    if (account != null && account.length() > 100) {
      account = account.substring(0, 100);
    }
    long[] perMinute = limits.get(route);
    ConsumptionProbe byIp = ip == null ? null : take(route + "|ip|" + ip, perMinute[0]);
    if (byIp != null && !byIp.isConsumed()) {
      monitor.sawRateLimited("address", ip, eventId, route.name());
      return tooMany(exchange, route, "address", byIp);
    }
    ConsumptionProbe byAccount =
        account == null ? null : take(route + "|account|" + account, perMinute[1]);
    if (byAccount != null && !byAccount.isConsumed()) {
      monitor.sawRateLimited("account", account, eventId, route.name());
      return tooMany(exchange, route, "account", byAccount);
    }
    if (route != Route.CHECKOUT) {
      monitor.sawAccount(ip, account, eventId);
    }
    String actor = account;
    boolean release = route == Route.CHECKOUT && request.getPath().value().contains("/release");
    return chain
        .filter(exchange)
        .doOnSuccess(
            done -> {
              HttpStatus status =
                  Optional.ofNullable(exchange.getResponse().getStatusCode())
                      .map(code -> HttpStatus.resolve(code.value()))
                      .orElse(HttpStatus.OK);
              if (release && actor != null && status != null && status.is2xxSuccessful()) {
                monitor.sawRelease(actor, eventId);
              }
            });
  }

  private ConsumptionProbe take(String key, long perMinute) {
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      sweepIfFull();
      bucket =
          buckets.computeIfAbsent(
              key,
              k ->
                  Bucket.builder()
                      .addLimit(
                          Bandwidth.builder()
                              .capacity(perMinute)
                              .refillGreedy(perMinute, Duration.ofMinutes(1))
                              .build())
                      .build());
    }
    return bucket.tryConsumeAndReturnRemaining(1);
  }

  /**
   * Keeps memory bounded: a full bucket tells nothing (a new one would be the same), so those go
   * first; if that is not enough, all go (a short amnesty rather than running out of memory).
   */
  private void sweepIfFull() {
    if (buckets.size() < maxKeys || !sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacityOf(e.getKey()));
      if (buckets.size() >= maxKeys) {
        log.warn("Rate limiter tracked {} keys; forgetting them all", buckets.size());
        buckets.clear();
      }
    } finally {
      sweeping.set(false);
    }
  }

  private long capacityOf(String key) {
    Route route = Route.valueOf(key.substring(0, key.indexOf('|')));
    return limits.get(route)[key.contains("|ip|") ? 0 : 1];
  }

  private String clientAddress(ServerHttpRequest request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String first = forwarded.split(",", 2)[0].trim();
        return first.length() > 64 ? first.substring(0, 64) : first;
      }
    }
    InetSocketAddress remote = request.getRemoteAddress();
    return remote == null
        ? null
        : remote.getAddress() == null
            ? remote.getHostString()
            : remote.getAddress().getHostAddress();
  }

  private static Mono<Void> tooMany(
      ServerWebExchange exchange, Route route, String scope, ConsumptionProbe probe) {
    long retryAfter =
        Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    return ProblemWriter.write(
        exchange,
        HttpStatus.TOO_MANY_REQUESTS,
        "rate-limited",
        "Too many "
            + route.name().toLowerCase()
            + " requests from this "
            + scope
            + ". Retry in "
            + retryAfter
            + " s.",
        Map.of("retryAfterSeconds", retryAfter, "limitedBy", scope));
  }
}
