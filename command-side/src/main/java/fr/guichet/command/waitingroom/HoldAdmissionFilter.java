package fr.guichet.command.waitingroom;

import fr.guichet.command.abuse.ProofOfWork;
import fr.guichet.command.waitingroom.AdmissionTokens.Verdict;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.ProblemWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards POST /api/events/{eventId}/holds (and joining its waiting list, which leads to holds) on
 * the server: while the event's waiting room is on, only a visitor with a valid admission token for
 * this event may hold; while the challenge is on, every hold carries a fresh proof-of-work
 * solution. Refusals are problem+json 403 and nothing is held.
 */
@Component
@Order(HoldAdmissionFilter.ORDER)
class HoldAdmissionFilter implements WebFilter {

  static final int ORDER = 0;
  static final String TOKEN_HEADER = "X-Admission-Token";
  private static final Pattern HOLDS =
      Pattern.compile("^/api/events/([^/]+)/(?:holds|waiting-list)/?$");

  private final WaitingRooms rooms;
  private final ProofOfWork proofOfWork;

  HoldAdmissionFilter(WaitingRooms rooms, ProofOfWork proofOfWork) {
    this.rooms = rooms;
    this.proofOfWork = proofOfWork;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (exchange.getRequest().getMethod() != HttpMethod.POST) {
      return chain.filter(exchange);
    }
    Matcher holds = HOLDS.matcher(exchange.getRequest().getPath().pathWithinApplication().value());
    String visitorId = exchange.getRequest().getHeaders().getFirst(Actor.ID_HEADER);
    if (!holds.matches() || visitorId == null) {
      // Not a hold, or an anonymous one that the controller refuses anyway.
      return chain.filter(exchange);
    }
    String eventId = holds.group(1);
    Verdict verdict =
        rooms.checkAdmission(
            eventId, visitorId, exchange.getRequest().getHeaders().getFirst(TOKEN_HEADER));
    if (verdict != Verdict.VALID) {
      return ProblemWriter.write(
          exchange, HttpStatus.FORBIDDEN, "admission-" + slug(verdict), explain(verdict));
    }
    RoomSettings settings = rooms.settings(eventId);
    if (settings.challengeRequired()) {
      ProofOfWork.Verdict solved =
          proofOfWork.verify(
              exchange.getRequest().getHeaders().getFirst(WaitingRoomController.CHALLENGE_HEADER),
              eventId,
              "hold",
              settings.challengeDifficulty());
      if (solved != ProofOfWork.Verdict.VALID) {
        return ProblemWriter.write(
            exchange,
            HttpStatus.FORBIDDEN,
            "challenge-" + solved.name().toLowerCase().replace('_', '-'),
            "Holding needs a fresh proof-of-work solution (GET /api/events/"
                + eventId
                + "/challenge?purpose=hold, then the X-Altcha header): "
                + solved.name().toLowerCase().replace('_', ' ')
                + ".");
      }
    }
    return chain.filter(exchange);
  }

  private static String slug(Verdict verdict) {
    return switch (verdict) {
      case MISSING -> "required";
      case FORGED -> "invalid";
      case EXPIRED -> "expired";
      case OTHER_EVENT -> "other-event";
      case OTHER_VISITOR -> "other-visitor";
      case VALID -> "valid";
    };
  }

  private static String explain(Verdict verdict) {
    return switch (verdict) {
      case MISSING ->
          "This onsale runs a waiting room: join it, and hold with the admission token you get"
              + " when admitted (X-Admission-Token header).";
      case FORGED -> "This admission token is not one we issued.";
      case EXPIRED -> "This admission token has expired: ask your place for a fresh one.";
      case OTHER_EVENT -> "This admission token was issued for another event.";
      case OTHER_VISITOR -> "This admission token was issued to another visitor.";
      case VALID -> "";
    };
  }
}
