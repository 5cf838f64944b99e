package fr.guichet.api.abuse;

import org.axonframework.serialization.Revision;

/**
 * The platform saw a pattern of scalping or denial of inventory (OWASP OAT-005, OAT-021) and
 * records it for the box office, once per subject and window.
 *
 * @param kind {@code many-accounts-one-ip}, {@code hold-release-cycling}, {@code rate-limited},
 *     {@code too-fast-checkout}, {@code many-accounts-one-card}, {@code many-accounts-one-device}
 *     or {@code purchase-cap-exceeded}
 * @param subject what it is about: an address, an account id, a card fingerprint (never a card
 *     number) or a hashed device id ({@code dv_…}, never the device cookie itself)
 * @param eventId the performance concerned, if any
 */
@Revision("1")
public record AbuseSignalRecordedEvent(
    String signalId, String kind, String subject, String eventId, String detail) {}
