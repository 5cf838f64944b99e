package fr.guichet.pricing.drools;

import fr.guichet.pricing.Compilation;
import fr.guichet.pricing.PricingException;
import fr.guichet.pricing.PricingRequest;
import fr.guichet.pricing.PricingRequest.TicketRequest;
import fr.guichet.pricing.PricingRulesCompiler;
import fr.guichet.pricing.Rate;
import fr.guichet.pricing.RuleDescription;
import fr.guichet.pricing.RuleFile;
import fr.guichet.pricing.RuleMessage;
import fr.guichet.pricing.RuleMessage.Severity;
import fr.guichet.pricing.TierPrice;
import fr.guichet.pricing.facts.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Compiles DRL rule files with Drools. Besides the compiler's own errors it refuses files without a
 * valid name, rules without a description, and rule sets that loop or fail on sample baskets.
 */
public final class DroolsPricingRules implements PricingRulesCompiler {

  public static final int DEFAULT_MAX_FIRINGS = 10_000;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_FILE_CHARS = 200_000;
  private static final String FOLDER = "src/main/resources/fr/guichet/pricing/rules/";
  private static final AtomicLong BUILDS = new AtomicLong();
  private static final ClassLoader FACTS_LOADER = Ticket.class.getClassLoader();
  private static final Set<String> PROBE_FAILURES =
      Set.of(
          DroolsPriceCalculator.LOOP, DroolsPriceCalculator.TIMEOUT, DroolsPriceCalculator.FAILED);

  private final int maxFirings;
  private final Duration timeout;

  public DroolsPricingRules() {
    this(DEFAULT_MAX_FIRINGS, DEFAULT_TIMEOUT);
  }

  public DroolsPricingRules(int maxFirings, Duration timeout) {
    this.maxFirings = maxFirings;
    this.timeout = timeout;
  }

  @Override
  public Compilation compile(List<RuleFile> files) {
    long start = System.nanoTime();
    List<RuleMessage> errors = checkFiles(files);
    if (!errors.isEmpty()) {
      return Compilation.failed(errors, millisSince(start));
    }
    KieServices services = KieServices.get();
    ReleaseId releaseId =
        services.newReleaseId("fr.guichet.pricing", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
    KieFileSystem fileSystem = services.newKieFileSystem();
    fileSystem.generateAndWritePomXML(releaseId);
    for (RuleFile file : files) {
      fileSystem.write(FOLDER + file.name(), file.content());
    }
    List<RuleMessage> warnings = new ArrayList<>();
    KieBase base;
    try {
      // The facts' own class loader, not the calling thread's context loader: rules compiled on a
      // thread whose loader sees other copies of the fact classes (a packaged jar's nested
      // loaders) would match no fact and price nothing.
      KieBuilder builder = services.newKieBuilder(fileSystem, FACTS_LOADER).buildAll();
      for (Message message : builder.getResults().getMessages()) {
        RuleMessage converted = convert(message);
        if (converted.severity() == Severity.ERROR) {
          errors.add(converted);
        } else {
          warnings.add(converted);
        }
      }
      if (errors.size() > 1) {
        errors.removeIf(e -> e.text().startsWith("Parser returned a null Package"));
      }
      if (!errors.isEmpty()) {
        return new Compilation(null, List.of(), errors, warnings, millisSince(start));
      }
      base = services.newKieContainer(releaseId, FACTS_LOADER).getKieBase();
    } finally {
      services.getRepository().removeKieModule(releaseId);
    }
    List<RuleDescription> rules = describe(base, files, errors);
    if (rules.isEmpty() && errors.isEmpty()) {
      errors.add(RuleMessage.error(null, 0, "The rule set contains no rule."));
    }
    if (!errors.isEmpty()) {
      return new Compilation(null, rules, errors, warnings, millisSince(start));
    }
    DroolsPriceCalculator calculator = new DroolsPriceCalculator(base, maxFirings, timeout);
    probe(calculator, rules, errors, warnings);
    if (!errors.isEmpty()) {
      return new Compilation(null, rules, errors, warnings, millisSince(start));
    }
    return new Compilation(calculator, rules, List.of(), warnings, millisSince(start));
  }

  private static List<RuleMessage> checkFiles(List<RuleFile> files) {
    List<RuleMessage> errors = new ArrayList<>();
    if (files == null || files.isEmpty()) {
      errors.add(RuleMessage.error(null, 0, "A rule set needs at least one rule file."));
      return errors;
    }
    Set<String> names = new HashSet<>();
    for (RuleFile file : files) {
      if (file == null || !file.hasValidName()) {
        errors.add(
            RuleMessage.error(
                file == null ? null : file.name(),
                0,
                "A rule file needs a name such as discounts.drl: lower-case letters, digits and"
                    + " dashes, ending in .drl."));
      } else if (!names.add(file.name())) {
        errors.add(RuleMessage.error(file.name(), 0, "Two files have the same name."));
      }
      if (file != null && (file.content() == null || file.content().isBlank())) {
        errors.add(RuleMessage.error(file.name(), 0, "The file is empty."));
      } else if (file != null && file.content().length() > MAX_FILE_CHARS) {
        errors.add(
            RuleMessage.error(
                file.name(), 0, "The file is longer than " + MAX_FILE_CHARS + " characters."));
      }
    }
    return errors;
  }

  private static RuleMessage convert(Message message) {
    String path = message.getPath();
    String file = path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    Severity severity =
        message.getLevel() == Message.Level.ERROR ? Severity.ERROR : Severity.WARNING;
    String text = message.getText() == null ? "" : message.getText().strip();
    return new RuleMessage(file, message.getLine(), message.getColumn(), severity, text);
  }

  private static List<RuleDescription> describe(
      KieBase base, List<RuleFile> files, List<RuleMessage> errors) {
    List<RuleDescription> rules = new ArrayList<>();
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        Location location = locate(rule.getName(), files);
        String fr = metaText(rule.getMetaData().get("description_fr"));
        String en = metaText(rule.getMetaData().get("description_en"));
        if (fr == null && en == null) {
          errors.add(
              RuleMessage.error(
                  location.file,
                  location.line,
                  "Rule '"
                      + rule.getName()
                      + "' needs a description for buyers and auditors: add"
                      + " @description_fr(\"…\") and/or @description_en(\"…\")."));
        }
        rules.add(new RuleDescription(rule.getName(), location.file, location.line, fr, en));
      }
    }
    rules.sort(
        Comparator.comparing(
                (RuleDescription r) -> r.file() == null ? "" : r.file(), Comparator.naturalOrder())
            .thenComparingInt(RuleDescription::line));
    return rules;
  }

  private record Location(String file, int line) {}

  private static Location locate(String ruleName, List<RuleFile> files) {
    Pattern declaration =
        Pattern.compile(
            "(?m)^\\s*rule\\s+(\""
                + Pattern.quote(ruleName)
                + "\"|"
                + Pattern.quote(ruleName)
                + "\\b)");
    for (RuleFile file : files) {
      Matcher matcher = declaration.matcher(file.content());
      if (matcher.find()) {
        int line = 1;
        for (int i = 0; i < matcher.start(1); i++) {
          if (file.content().charAt(i) == '\n') {
            line++;
          }
        }
        return new Location(file.name(), line);
      }
    }
    return new Location(null, 0);
  }

  private static String metaText(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    return text.isBlank() ? null : text;
  }

  /**
   * Runs the rules on sample baskets: a rule set that loops, times out or throws there is refused
   * before it can reach a buyer. The first pass only counts firings (the first session of a new
   * knowledge base is slow while Drools compiles its constraints); the second one is timed.
   */
  private static void probe(
      DroolsPriceCalculator calculator,
      List<RuleDescription> rules,
      List<RuleMessage> errors,
      List<RuleMessage> warnings) {
    List<PricingRequest> samples = sampleBaskets();
    for (int pass = 0; pass < 2 * samples.size(); pass++) {
      boolean timed = pass >= samples.size();
      try {
        calculator.price(samples.get(pass % samples.size()), timed);
      } catch (PricingException e) {
        if (PROBE_FAILURES.contains(e.code())) {
          RuleDescription culprit =
              rules.stream()
                  .filter(r -> e.getMessage().contains("'" + r.name() + "'"))
                  .findFirst()
                  .orElse(null);
          errors.add(
              RuleMessage.error(
                  culprit == null ? null : culprit.file(),
                  culprit == null ? 0 : culprit.line(),
                  "On a sample basket: " + e.getMessage()));
          return;
        }
        if (!timed) {
          warnings.add(
              new RuleMessage(
                  null, 0, 0, Severity.WARNING, "On a sample basket: " + e.getMessage()));
        }
      }
    }
  }

  static List<PricingRequest> sampleBaskets() {
    Instant opened = Instant.parse("2026-01-05T09:00:00Z");
    List<TierPrice> carreOr =
        List.of(new TierPrice("STANDARD", "Standard", 9000), new TierPrice("EARLY", "Early", 7500));
    List<TierPrice> first =
        List.of(
            new TierPrice("STANDARD", "Standard", 5500), new TierPrice("LAUNCH", "Launch", 4500));
    List<TierPrice> standing = List.of(new TierPrice("STANDARD", "Standard", 3000));
    List<TicketRequest> tickets = new ArrayList<>();
    Rate[] rates = Rate.values();
    for (int i = 0; i < 12; i++) {
      Rate rate = rates[i % rates.length];
      String category = i % 3 == 0 ? "CARRE_OR" : i % 3 == 1 ? "CAT1" : "FOSSE";
      List<TierPrice> tiers = i % 3 == 0 ? carreOr : i % 3 == 1 ? first : standing;
      tickets.add(
          new TicketRequest(
              "SAMPLE-" + (i + 1),
              category,
              category,
              tiers,
              rate,
              rate == Rate.STUDENT ? "PROOF-" + i : null,
              rate == Rate.SUBSCRIBER ? "SUB-" + i : null,
              rate == Rate.SUBSCRIBER));
    }
    Map<String, Integer> taken = Map.of("CAT1", 40);
    return List.of(
        new PricingRequest(opened.plusSeconds(600), opened, taken, tickets.subList(0, 4)),
        new PricingRequest(opened.plus(Duration.ofDays(30)), opened, taken, tickets));
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
