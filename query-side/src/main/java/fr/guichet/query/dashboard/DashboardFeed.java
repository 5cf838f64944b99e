package fr.guichet.query.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live dashboards: each change of an event's figures goes to everyone watching it. A dashboard is a
 * whole picture, so a slow watcher simply skips to the latest one and never holds the others back.
 */
@Component
class DashboardFeed {

  private final Map<String, Sinks.Many<EventDashboard>> sinks = new ConcurrentHashMap<>();

  boolean watched(String eventId) {
    Sinks.Many<EventDashboard> sink = sinks.get(eventId);
    return sink != null && sink.currentSubscriberCount() > 0;
  }

  void publish(EventDashboard dashboard) {
    Sinks.Many<EventDashboard> sink = sinks.get(dashboard.eventId());
    if (sink != null) {
      synchronized (sink) {
        sink.tryEmitNext(dashboard);
      }
    }
  }

  Flux<EventDashboard> updates(String eventId) {
    return sinks
        .computeIfAbsent(eventId, id -> Sinks.many().multicast().directBestEffort())
        .asFlux()
        .onBackpressureLatest();
  }
}
