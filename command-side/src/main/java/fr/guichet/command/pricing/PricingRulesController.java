package fr.guichet.command.pricing;

import fr.guichet.api.event.PriceCategory;
import fr.guichet.api.event.PriceTier;
import fr.guichet.api.pricing.RuleFileContent;
import fr.guichet.api.pricing.RuleSetEvent.RuleSetPublishedEvent;
import fr.guichet.api.pricing.RuleSummary;
import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.command.pricing.RuleSetCommands.PublishRuleSetCommand;
import fr.guichet.command.pricing.RuleSetCommands.PublishedVersion;
import fr.guichet.command.pricing.RuleSetCommands.RollBackRuleSetCommand;
import fr.guichet.command.web.Actor;
import fr.guichet.command.web.Actor.Role;
import fr.guichet.command.web.CommandSender;
import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.DefaultRuleFiles;
import fr.guichet.pricing.PriceCalculator;
import fr.guichet.pricing.PricingException;
import fr.guichet.pricing.PricingRequest;
import fr.guichet.pricing.PricingRequest.TicketRequest;
import fr.guichet.pricing.PricingResult;
import fr.guichet.pricing.PricingRulesCompiler;
import fr.guichet.pricing.Rate;
import fr.guichet.pricing.RuleMessage;
import fr.guichet.pricing.TierPrice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Managers read, validate, try, publish and roll back the pricing rules. */
@RestController
@RequestMapping("/api/pricing/rules")
@Tag(name = "Pricing rules", description = "Versioned DRL rule files that price every ticket")
class PricingRulesController {

  private final CommandSender sender;
  private final RuleSets ruleSets;
  private final PricingRulesCompiler compiler;

  PricingRulesController(CommandSender sender, RuleSets ruleSets, PricingRulesCompiler compiler) {
    this.sender = sender;
    this.ruleSets = ruleSets;
    this.compiler = compiler;
  }

  record VersionSummary(
      int version,
      String contentHash,
      String author,
      Instant publishedAt,
      String comment,
      Integer republishedVersion,
      List<String> files,
      boolean inForce) {}

  record VersionDetail(
      int version,
      String contentHash,
      String author,
      Instant publishedAt,
      String comment,
      Integer republishedVersion,
      List<RuleFileContent> files,
      List<RuleSummary> rules) {}

  record FilesRequest(@NotNull @Size(min = 1, max = 20) List<RuleFileContent> files) {}

  record PublishRequest(
      @NotNull @Size(min = 1, max = 20) List<RuleFileContent> files,
      String comment,
      String contentHash) {}

  record RollbackRequest(@Min(1) int toVersion, String comment) {}

  record ValidationResult(
      boolean valid,
      List<RuleMessage> errors,
      List<RuleMessage> warnings,
      List<RuleSummary> rules,
      String contentHash,
      long compileMillis) {}

  /** A sample basket: quantities of tickets per category and rate, at some time after opening. */
  record TrialRequest(
      @Size(max = 20) List<RuleFileContent> files,
      @NotNull @Size(min = 1, max = 20) List<PriceCategory> categories,
      @NotNull @Size(min = 1, max = 20) List<@Valid TrialLine> tickets,
      @Min(0) Long minutesAfterSalesOpened,
      Map<String, Integer> takenBefore) {}

  record TrialLine(
      @NotNull String category,
      Rate rate,
      @Min(1) @Max(100) Integer quantity,
      String studentProof,
      String subscriptionNumber) {}

  record TrialResult(
      String ruleSet,
      List<RuleMessage> errors,
      PricingResult result,
      String pricingErrorCode,
      String pricingError) {}

  @GetMapping
  @Operation(summary = "The version in force, its rules and their descriptions")
  Mono<VersionDetail> inForce() {
    return blocking(
        () -> {
          List<RuleSetPublishedEvent> history = ruleSets.history();
          if (history.isEmpty()) {
            throw new CommandRejectedException(
                Rejection.notFound("no-rule-set", "No pricing rule set is published yet."));
          }
          return detail(history.get(history.size() - 1));
        });
  }

  @GetMapping("/versions")
  @Operation(summary = "Every published version, newest first (manager, auditor, director)")
  Mono<List<VersionSummary>> versions(ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.AUDITOR, Role.DIRECTOR);
    return blocking(
        () -> {
          List<RuleSetPublishedEvent> history = ruleSets.history();
          int latest = history.isEmpty() ? 0 : history.get(history.size() - 1).version();
          List<VersionSummary> summaries = new ArrayList<>();
          for (int i = history.size() - 1; i >= 0; i--) {
            RuleSetPublishedEvent v = history.get(i);
            summaries.add(
                new VersionSummary(
                    v.version(),
                    v.contentHash(),
                    v.author(),
                    v.publishedAt(),
                    v.comment(),
                    v.republishedVersion(),
                    v.files().stream().map(RuleFileContent::name).toList(),
                    v.version() == latest));
          }
          return summaries;
        });
  }

  @GetMapping("/versions/{version}")
  @Operation(summary = "The files and rules of one version")
  Mono<VersionDetail> version(@PathVariable int version, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER, Role.AUDITOR, Role.DIRECTOR);
    return blocking(
        () ->
            ruleSets
                .version(version)
                .map(PricingRulesController::detail)
                .orElseThrow(
                    () ->
                        new CommandRejectedException(
                            Rejection.notFound(
                                "unknown-version", "There is no version " + version + "."))));
  }

  @GetMapping("/defaults")
  @Operation(summary = "The rule files shipped with Guichet")
  List<RuleFileContent> defaults() {
    return RuleSetContent.fromRuleFiles(DefaultRuleFiles.load());
  }

  @PostMapping("/validation")
  @Operation(summary = "Compile files without publishing: errors with their lines (manager)")
  Mono<ValidationResult> validate(
      @Valid @RequestBody FilesRequest body, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER);
    return blocking(
        () -> {
          Compilation compilation = compiler.compile(RuleSetContent.toRuleFiles(body.files()));
          return new ValidationResult(
              compilation.succeeded(),
              compilation.errors(),
              compilation.warnings(),
              RuleSetContent.summaries(compilation.rules()),
              RuleSetContent.hash(body.files()),
              compilation.compileMillis());
        });
  }

  @PostMapping("/trial")
  @Operation(
      summary =
          "Price a sample basket with draft files (or the version in force): per-ticket breakdown"
              + " (manager)")
  Mono<TrialResult> trial(@Valid @RequestBody TrialRequest body, ServerHttpRequest request) {
    Actor.from(request).require(Role.MANAGER);
    return blocking(
        () -> {
          PriceCalculator calculator;
          String label;
          if (body.files() == null || body.files().isEmpty()) {
            ActiveRuleSet.Version version = ruleSets.current();
            calculator = version.calculator();
            label = "version " + version.version();
          } else {
            Compilation compilation = compiler.compile(RuleSetContent.toRuleFiles(body.files()));
            if (!compilation.succeeded()) {
              return new TrialResult("draft", compilation.errors(), null, null, null);
            }
            calculator = compilation.calculator();
            label = "draft";
          }
          try {
            return new TrialResult(label, List.of(), calculator.price(sample(body)), null, null);
          } catch (PricingException e) {
            return new TrialResult(label, List.of(), null, e.code(), e.getMessage());
          }
        });
  }

  @PostMapping("/versions")
  @Operation(summary = "Publish files as the next version, if they compile (manager)")
  Mono<ResponseEntity<PublishedVersion>> publish(
      @Valid @RequestBody PublishRequest body, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return sender
        .<PublishedVersion>send(
            new PublishRuleSetCommand(
                RuleSets.ID, body.files(), body.comment(), body.contentHash(), false),
            actor,
            request)
        .doOnSuccess(published -> ruleSets.forget())
        .map(
            v ->
                ResponseEntity.created(URI.create("/api/pricing/rules/versions/" + v.version()))
                    .body(v));
  }

  @PostMapping("/rollback")
  @Operation(summary = "Publish an earlier version's content again, as a new version (manager)")
  Mono<ResponseEntity<PublishedVersion>> rollBack(
      @Valid @RequestBody RollbackRequest body, ServerHttpRequest request) {
    Actor actor = Actor.from(request).require(Role.MANAGER);
    return sender
        .<PublishedVersion>send(
            new RollBackRuleSetCommand(RuleSets.ID, body.toVersion(), body.comment()),
            actor,
            request)
        .doOnSuccess(published -> ruleSets.forget())
        .map(
            v ->
                ResponseEntity.created(URI.create("/api/pricing/rules/versions/" + v.version()))
                    .body(v));
  }

  @ExceptionHandler(RuleSetRejectedException.class)
  ResponseEntity<ProblemDetail> doesNotCompile(RuleSetRejectedException e) {
    ProblemDetail body = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
    body.setType(URI.create("https://guichet.example/problems/rules-do-not-compile"));
    body.setTitle("The rules do not compile");
    body.setDetail("Nothing was published. Fix the errors at the lines given.");
    body.setProperty("code", "rules-do-not-compile");
    body.setProperty("errors", e.errors());
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
  }

  static PricingRequest sample(TrialRequest body) {
    Instant opened = Instant.parse("2026-01-05T09:00:00Z");
    long minutes =
        body.minutesAfterSalesOpened() == null ? 60L * 24 * 30 : body.minutesAfterSalesOpened();
    List<TicketRequest> tickets = new ArrayList<>();
    for (TrialLine line : body.tickets()) {
      PriceCategory category =
          body.categories().stream()
              .filter(c -> c.code().equals(line.category()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CommandRejectedException(
                          Rejection.invalid(
                              "unknown-category",
                              "The sample basket uses category "
                                  + line.category()
                                  + ", which is not among its categories.")));
      List<TierPrice> tiers = new ArrayList<>();
      for (PriceTier tier : category.tiers()) {
        tiers.add(new TierPrice(tier.code(), tier.name(), tier.priceCents()));
      }
      int quantity = line.quantity() == null ? 1 : line.quantity();
      Rate rate = line.rate() == null ? Rate.FULL : line.rate();
      for (int i = 0; i < quantity; i++) {
        tickets.add(
            new TicketRequest(
                category.code() + "-" + (tickets.size() + 1),
                category.code(),
                category.name(),
                tiers,
                rate,
                line.studentProof(),
                line.subscriptionNumber(),
                rate == Rate.SUBSCRIBER
                    && line.subscriptionNumber() != null
                    && !line.subscriptionNumber().isBlank()));
      }
    }
    if (tickets.size() > 200) {
      throw new CommandRejectedException(
          Rejection.invalid("basket-too-large", "A sample basket holds at most 200 tickets."));
    }
    return new PricingRequest(
        opened.plus(Duration.ofMinutes(minutes)), opened, body.takenBefore(), tickets);
  }

  private static VersionDetail detail(RuleSetPublishedEvent v) {
    return new VersionDetail(
        v.version(),
        v.contentHash(),
        v.author(),
        v.publishedAt(),
        v.comment(),
        v.republishedVersion(),
        v.files(),
        v.rules());
  }

  private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }
}
