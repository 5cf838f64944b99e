package fr.guichet.command.abuse;

import fr.guichet.api.abuse.AbuseSignalRecordedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Watches the sensitive flows for the patterns of scalping and denial of inventory (OWASP OAT-005,
 * OAT-021) and records a signal the first time, in each window, that a subject crosses a threshold:
 *
 * <ul>
 *   <li>{@code many-accounts-one-ip}: many accounts hold or sign in from one address;
 *   <li>{@code hold-release-cycling}: an account releases many holds unpaid (keeping places out of
 *       sale without buying);
 *   <li>{@code rate-limited}: an address or account hit a rate limit;
 *   <li>{@code many-accounts-one-card}: many accounts paid with one card (by its fingerprint);
 *   <li>{@code many-accounts-one-device}: more than {@code guichet.abuse.accounts-per-device}
 *       accounts held places of one event from one device (by its hashed device cookie, {@link
 *       DeviceCookieFilter});
 *   <li>{@code too-fast-checkout} and {@code purchase-cap-exceeded}: see {@link PaymentAbuseWatch}.
 * </ul>
 *
 * Each signal is recorded as an {@link AbuseSignalRecordedEvent} in the event store (the box
 * office's list is a projection of them, {@link AbuseSignalStore}). Memory is bounded: counters
 * reset each window and stop growing past their threshold.
 */
@Component
public class AbuseMonitor {

  private static final Logger log = LoggerFactory.getLogger(AbuseMonitor.class);

  private final EventGateway events;
  private final TransactionManager transactions;
  private final Clock clock;
  private final Duration window;
  private final int accountsPerIp;
  private final int releasesPerAccount;
  private final int accountsPerCard;
  private final int accountsPerDevice;
  private final int maxSubjects;
  private Instant windowStart;
  private final Map<String, Set<String>> accountsByIp = new HashMap<>();
  private final Map<String, Integer> releasesByAccount = new HashMap<>();
  private final Map<String, Set<String>> accountsByCard = new HashMap<>();
  private final Map<String, Set<String>> accountsByDeviceAndEvent = new HashMap<>();
  private final Set<String> signalled = new HashSet<>();

  AbuseMonitor(
      EventGateway events,
      TransactionManager transactions,
      ObjectProvider<Clock> clock,
      @Value("${guichet.abuse.window:PT10M}") Duration window,
      @Value("${guichet.abuse.accounts-per-ip:20}") int accountsPerIp,
      @Value("${guichet.abuse.releases-per-account:5}") int releasesPerAccount,
      @Value("${guichet.abuse.accounts-per-card:3}") int accountsPerCard,
      @Value("${guichet.abuse.accounts-per-device:3}") int accountsPerDevice,
      @Value("${guichet.abuse.max-subjects:100000}") int maxSubjects) {
    this.events = events;
    this.transactions = transactions;
    this.accountsPerCard = accountsPerCard;
    this.accountsPerDevice = accountsPerDevice;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.window = window;
    this.accountsPerIp = accountsPerIp;
    this.releasesPerAccount = releasesPerAccount;
    this.maxSubjects = maxSubjects;
    this.windowStart = this.clock.instant();
  }

  /** An account acted from an address on a sensitive flow. */
  public void sawAccount(String ip, String account, String eventId) {
    if (ip == null || account == null) {
      return;
    }
    int count;
    synchronized (this) {
      roll();
      Set<String> accounts = accountsByIp.get(ip);
      if (accounts == null) {
        if (accountsByIp.size() >= maxSubjects) {
          return;
        }
        accounts = new HashSet<>();
        accountsByIp.put(ip, accounts);
      }
      if (accounts.size() >= accountsPerIp) {
        return;
      }
      accounts.add(account);
      count = accounts.size();
    }
    if (count == accountsPerIp) {
      signal(
          "many-accounts-one-ip",
          ip,
          eventId,
          count + " accounts acted from this address within " + window + ".");
    }
  }

  /** An account released a hold without paying. */
  public void sawRelease(String account, String eventId) {
    int count;
    synchronized (this) {
      roll();
      if (!releasesByAccount.containsKey(account) && releasesByAccount.size() >= maxSubjects) {
        return;
      }
      count = releasesByAccount.merge(account, 1, Integer::sum);
    }
    if (count == releasesPerAccount) {
      signal(
          "hold-release-cycling",
          account,
          eventId,
          count + " holds released unpaid within " + window + ".");
    }
  }

  /** An account paid with a card (known by its fingerprint only). */
  public void sawCardPayment(String cardFingerprint, String account, String eventId) {
    if (cardFingerprint == null || account == null) {
      return;
    }
    int count;
    synchronized (this) {
      roll();
      Set<String> accounts = accountsByCard.get(cardFingerprint);
      if (accounts == null) {
        if (accountsByCard.size() >= maxSubjects) {
          return;
        }
        accounts = new HashSet<>();
        accountsByCard.put(cardFingerprint, accounts);
      }
      if (accounts.size() >= accountsPerCard || !accounts.add(account)) {
        return;
      }
      count = accounts.size();
    }
    if (count == accountsPerCard) {
      signal(
          "many-accounts-one-card",
          cardFingerprint,
          eventId,
          count + " accounts paid with this card within " + window + ".");
    }
  }

  /**
   * An account held places of an event from a device (known by the keyed hash of its device cookie
   * only). Signalled when one more account than {@code accountsPerDevice} did so within the window.
   */
  public void sawDevice(String deviceId, String account, String eventId) {
    if (deviceId == null || account == null || eventId == null) {
      return;
    }
    int count;
    synchronized (this) {
      roll();
      String key = deviceId + "|" + eventId;
      Set<String> accounts = accountsByDeviceAndEvent.get(key);
      if (accounts == null) {
        if (accountsByDeviceAndEvent.size() >= maxSubjects) {
          return;
        }
        accounts = new HashSet<>();
        accountsByDeviceAndEvent.put(key, accounts);
      }
      if (accounts.size() > accountsPerDevice || !accounts.add(account)) {
        return;
      }
      count = accounts.size();
    }
    if (count == accountsPerDevice + 1) {
      signal(
          "many-accounts-one-device",
          deviceId,
          eventId,
          count + " accounts held places of this event from this device within " + window + ".");
    }
  }

  /** A rate limit refused a request. */
  public void sawRateLimited(String scope, String subject, String eventId, String route) {
    signal("rate-limited", subject, eventId, "Rate limit per " + scope + " hit on " + route + ".");
  }

  /** Records a signal, once per kind and subject in each window. */
  void signal(String kind, String subject, String eventId, String detail) {
    synchronized (this) {
      roll();
      if (signalled.size() >= maxSubjects || !signalled.add(kind + "|" + subject)) {
        return;
      }
    }
    AbuseSignalRecordedEvent signal =
        new AbuseSignalRecordedEvent(UUID.randomUUID().toString(), kind, subject, eventId, detail);
    log.warn("Abuse signal {} for {} (event {}): {}", kind, subject, eventId, detail);
    Mono.fromRunnable(() -> transactions.executeInTransaction(() -> events.publish(signal)))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnError(e -> log.error("Could not record abuse signal {}", signal, e))
        .onErrorComplete()
        .subscribe();
  }

  private void roll() {
    Instant now = clock.instant();
    if (!now.isBefore(windowStart.plus(window))) {
      windowStart = now;
      accountsByIp.clear();
      releasesByAccount.clear();
      accountsByCard.clear();
      accountsByDeviceAndEvent.clear();
      signalled.clear();
    }
  }
}
