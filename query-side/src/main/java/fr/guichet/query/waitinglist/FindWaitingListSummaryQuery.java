package fr.guichet.query.waitinglist;

/** An Event's waiting list in numbers; answers a {@link WaitingListSummary}. */
public record FindWaitingListSummaryQuery(String eventId) {}
