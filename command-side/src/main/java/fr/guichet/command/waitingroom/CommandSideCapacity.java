package fr.guichet.command.waitingroom;

import fr.guichet.command.operations.ProcessorLag;
import fr.guichet.command.waitingroom.AdaptiveAdmission.Measurement;
import fr.guichet.command.web.CommandAdmission;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What {@link AdaptiveAdmission} looks at, read from this node: the commands turned away with 503
 * and in flight ({@link CommandAdmission}), the 99th percentile of hold durations, and the largest
 * lag of the live event processors ({@link ProcessorLag}).
 */
@Component
class CommandSideCapacity implements Supplier<Measurement> {

  private final CommandAdmission admission;
  private final ObjectProvider<ProcessorLag> lag;

  CommandSideCapacity(CommandAdmission admission, ObjectProvider<ProcessorLag> lag) {
    this.admission = admission;
    this.lag = lag;
  }

  @Override
  public Measurement get() {
    ProcessorLag processors = lag.getIfAvailable();
    return new Measurement(
        admission.refused(),
        admission.inFlight(),
        admission.capacity(),
        admission.holdP99(),
        processors == null ? 0 : processors.largestLiveLag());
  }
}
