package fr.guichet.command.order;

import fr.guichet.api.order.RateChoice;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.order.OrderCommands.ChooseRatesCommand;
import fr.guichet.command.order.OrderCommands.DescribeRateOptionsCommand;
import fr.guichet.command.order.OrderPriceExplanations.Explanation;
import fr.guichet.command.pricing.OrderPricing.PricedOrder;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The buyer chooses a rate per ticket; buyer, box office and auditors read why it costs that. */
@RestController
@RequestMapping("/api/orders/{orderId}")
@Tag(name = "Order prices", description = "Rates per ticket and the explanation of a price")
class OrderPriceController {

  private final CommandSender sender;
  private final OrderPriceExplanations explanations;

  OrderPriceController(CommandSender sender, OrderPriceExplanations explanations) {
    this.sender = sender;
    this.explanations = explanations;
  }

  record RatesRequest(@NotNull @Size(min = 1, max = 100) List<RateChoice> tickets) {}

  @PostMapping("/rates")
  @Operation(
      summary =
          "Choose rates per ticket (FULL, STUDENT + studentProof, SUBSCRIBER + subscriptionNumber,"
              + " GROUP); unlisted tickets stay at full rate")
  Mono<PricedOrder> chooseRates(
      @PathVariable String orderId,
      @Valid @RequestBody RatesRequest body,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return sender.send(new ChooseRatesCommand(orderId, actor.id(), body.tickets()), actor, request);
  }

  @GetMapping("/rate-options")
  @Operation(
      summary =
          "The rates the buyer may choose per ticket: FULL and each discounted rate the rules in"
              + " force would grant (with a proof or a valid subscription number)")
  Mono<RateOptions> rateOptions(@PathVariable String orderId, ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return sender.send(new DescribeRateOptionsCommand(orderId, actor.id()), actor, request);
  }

  @GetMapping("/price-explanation")
  @Operation(
      summary =
          "Which rule-set version priced the order, which rules fired per ticket and why (buyer,"
              + " manager, director, auditor); lang=fr (default) or en")
  Mono<Explanation> explain(
      @PathVariable String orderId,
      @RequestParam(name = "lang", defaultValue = "fr") String language,
      ServerHttpRequest request) {
    Actor actor = Actor.from(request);
    return Mono.fromCallable(
            () -> {
              Explanation explanation =
                  explanations
                      .explain(orderId, "en".equalsIgnoreCase(language) ? "en" : "fr")
                      .orElseThrow(OrderPriceController::unknown);
              // Door staff scan tickets; what a buyer paid is none of their business.
              boolean staff =
                  actor.role() == Role.MANAGER
                      || actor.role() == Role.AUDITOR
                      || actor.role() == Role.DIRECTOR;
              if (!staff && !actor.id().equals(explanation.customerId())) {
                throw unknown();
              }
              return explanation;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static CommandRejectedException unknown() {
    return new CommandRejectedException(
        Rejection.notFound("unknown-order", "No such order for you."));
  }
}
