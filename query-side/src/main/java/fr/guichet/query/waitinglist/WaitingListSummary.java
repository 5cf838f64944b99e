package fr.guichet.query.waitinglist;

import java.util.Map;

/**
 * An Event's waiting list for the staff.
 *
 * @param placesWantedByArea places the waiting buyers want, by category or zone code
 */
public record WaitingListSummary(
    String eventId,
    long waiting,
    long offered,
    long left,
    long customerLimit,
    long closed,
    Map<String, Long> placesWantedByArea) {}
