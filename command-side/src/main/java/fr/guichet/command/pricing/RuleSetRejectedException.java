package fr.guichet.command.pricing;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import fr.guichet.pricing.RuleMessage;
import java.util.List;
import java.util.stream.Collectors;

/** A rule set was refused because it does not compile; carries the messages with their lines. */
public class RuleSetRejectedException extends CommandRejectedException {

  private final transient List<RuleMessage> errors;

  public RuleSetRejectedException(List<RuleMessage> errors) {
    super(
        Rejection.invalid(
            "rules-do-not-compile",
            "The rules do not compile; nothing was published. "
                + errors.stream()
                    .limit(10)
                    .map(RuleMessage::toString)
                    .collect(Collectors.joining(" | "))));
    this.errors = List.copyOf(errors);
  }

  public List<RuleMessage> errors() {
    return errors;
  }
}
