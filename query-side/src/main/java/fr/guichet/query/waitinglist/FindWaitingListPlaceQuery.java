package fr.guichet.query.waitinglist;

/** One buyer's place on an Event's waiting list; answers a {@link WaitingListView} or nothing. */
public record FindWaitingListPlaceQuery(String eventId, String customerId) {}
