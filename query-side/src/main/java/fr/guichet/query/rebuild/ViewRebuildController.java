package fr.guichet.query.rebuild;

import fr.guichet.query.rebuild.ViewRebuilder.ViewStatus;
import fr.guichet.query.support.QueryProblems;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Operations on the views: their status, and a rebuild from the event history (manager or director,
 * named by the {@code X-Actor-Role} header that the security in front of the query side sets; see
 * {@link fr.guichet.query.support.Reader}).
 */
@RestController
@RequestMapping("/api/views")
class ViewRebuildController {

  private final ViewRebuilder rebuilder;

  ViewRebuildController(ViewRebuilder rebuilder) {
    this.rebuilder = rebuilder;
  }

  @GetMapping
  Mono<List<ViewStatus>> views() {
    return Mono.fromCallable(rebuilder::statuses).subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * The rebuilt generation of a view compared with the one it replaced (manager, director or
   * auditor); 404 {@code not-rebuilt} before the first rebuild.
   */
  @GetMapping("/{view}/comparison")
  Mono<ResponseEntity<?>> comparison(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    String normalized = role == null ? "" : role.trim().toUpperCase(Locale.ROOT);
    if (!List.of("MANAGER", "DIRECTOR", "AUDITOR").contains(normalized)) {
      return Mono.<ResponseEntity<?>>just(
          QueryProblems.problem(
              HttpStatus.FORBIDDEN,
              "role-required",
              "Comparing a view needs the MANAGER, DIRECTOR or AUDITOR role."));
    }
    return Mono.fromCallable(() -> rebuilder.compare(view))
        .subscribeOn(Schedulers.boundedElastic())
        .<ResponseEntity<?>>map(ResponseEntity::ok);
  }

  @PostMapping("/{view}/rebuild")
  Mono<ResponseEntity<?>> rebuild(
      @PathVariable String view,
      @RequestHeader(name = "X-Actor-Role", required = false) String role) {
    String normalized = role == null ? "" : role.trim().toUpperCase(Locale.ROOT);
    if (!normalized.equals("MANAGER") && !normalized.equals("DIRECTOR")) {
      return Mono.<ResponseEntity<?>>just(
          QueryProblems.problem(
              HttpStatus.FORBIDDEN,
              "role-required",
              "Rebuilding a view needs the MANAGER or DIRECTOR role."));
    }
    return Mono.fromCallable(() -> rebuilder.rebuild(view))
        .subscribeOn(Schedulers.boundedElastic())
        .<ResponseEntity<?>>map(status -> ResponseEntity.status(HttpStatus.ACCEPTED).body(status));
  }
}
