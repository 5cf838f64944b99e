package fr.guichet.query.rebuild;

import fr.guichet.query.rebuild.ViewRebuilder.ViewStatus;
import fr.guichet.query.support.ForbiddenException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operations on the views: their status, and a rebuild from the event history beside the live view
 * (started, switched to or discarded by a manager or director; followed and compared also by an
 * auditor), the role named by the {@code X-Actor-Role} header that the security in front of the
 * query side sets (see {@link fr.guichet.query.support.Reader}).
 */
@RestController
@RequestMapping("/api/views")
class ViewRebuildController {

  private static final Set<String> OPERATORS = Set.of("MANAGER", "DIRECTOR");
  private static final Set<String> READERS = Set.of("MANAGER", "DIRECTOR", "AUDITOR");

  private final ViewRebuilder rebuilder;

  ViewRebuildController(ViewRebuilder rebuilder) {
    this.rebuilder = rebuilder;
  }

  @GetMapping
  Mono<List<ViewStatus>> views() {
    return blocking(rebuilder::statuses);
  }

  /**
   * Starts rebuilding the view from the first event into fresh collections, in the background: the
   * live view keeps serving and following new events meanwhile. 202 with the rebuild's progress.
   */
  @PostMapping("/{view}/rebuild")
  Mono<ResponseEntity<RebuildProgress>> rebuild(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(role, OPERATORS, "Rebuilding a view needs the MANAGER or DIRECTOR role.")
        .then(blocking(() -> rebuilder.rebuild(view)))
        .map(progress -> ResponseEntity.status(HttpStatus.ACCEPTED).body(progress));
  }

  /**
   * Starts rebuilding several views together, from one reading of the history ({@code views}:
   * comma-separated names; every view when absent); each is then followed, compared, switched or
   * discarded on its own. 202 with their progress; nothing starts unless all of them can.
   */
  @PostMapping("/rebuild")
  Mono<ResponseEntity<List<RebuildProgress>>> rebuildTogether(
      @RequestParam(name = "views", required = false) List<String> views,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(role, OPERATORS, "Rebuilding views needs the MANAGER or DIRECTOR role.")
        .then(blocking(() -> rebuilder.rebuild(views == null ? List.of() : views)))
        .map(progress -> ResponseEntity.status(HttpStatus.ACCEPTED).body(progress));
  }

  /** The progress of the view's rebuild (manager, director or auditor). */
  @GetMapping("/{view}/rebuild")
  Mono<RebuildProgress> progress(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(
            role, READERS, "Following a rebuild needs the MANAGER, DIRECTOR or AUDITOR role.")
        .then(blocking(() -> rebuilder.progress(view)));
  }

  /** Drops the view's running rebuild; the live view is untouched. */
  @DeleteMapping("/{view}/rebuild")
  Mono<RebuildProgress> discard(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(role, OPERATORS, "Discarding a rebuild needs the MANAGER or DIRECTOR role.")
        .then(blocking(() -> rebuilder.discard(view)));
  }

  /**
   * Switches the view over to its rebuilt generation (once the rebuild has caught up): the view's
   * processor pauses for as long as the rebuild takes to reach it, then goes on from where it was.
   */
  @PostMapping("/{view}/switch")
  Mono<RebuildProgress> switchOver(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(role, OPERATORS, "Switching a view needs the MANAGER or DIRECTOR role.")
        .then(blocking(() -> rebuilder.switchOver(view)));
  }

  /**
   * The rebuilt generation compared with the live one (or, after a switch, with the one it
   * replaced): manager, director or auditor; 404 {@code not-rebuilt} before any rebuild.
   */
  @GetMapping("/{view}/comparison")
  Mono<ViewComparison> comparison(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    return allowed(role, READERS, "Comparing a view needs the MANAGER, DIRECTOR or AUDITOR role.")
        .then(blocking(() -> rebuilder.compare(view)));
  }

  private static Mono<Void> allowed(String role, Set<String> roles, String message) {
    String normalized = role == null ? "" : role.trim().toUpperCase(Locale.ROOT);
    return roles.contains(normalized)
        ? Mono.empty()
        : Mono.error(new ForbiddenException("role-required", message));
  }

  private static <T> Mono<T> blocking(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
