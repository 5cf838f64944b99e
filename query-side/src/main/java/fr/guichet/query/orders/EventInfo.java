package fr.guichet.query.orders;

import java.time.Instant;
import org.springframework.data.annotation.Id;

/** What an order shows of its event, kept by the orders view from the Event's own events. */
record EventInfo(@Id String eventId, long version, String title, String venue, Instant startsAt) {}
