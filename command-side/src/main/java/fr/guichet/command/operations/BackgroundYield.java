package fr.guichet.command.operations;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Makes a background processor ({@code guichet.processors.background}: the ticket mails, the
 * box-office dashboard) give way to buyers while the node is busy: after each event it handled, it
 * pauses long enough to use at most {@code share} of its thread, and never more than {@code
 * maxPausePerBatch} in one unit of work (so a batch stays well within its token claim). When the
 * node is not busy it runs at full speed and catches up.
 *
 * <p>Why: at a full onsale on two cores, rendering and sending the ticket mails (a QR code per
 * ticket, SMTP) took 13 % of the platform's CPU while buyers' holds waited for it; the mails can
 * arrive minutes later, the holds cannot.
 */
final class BackgroundYield implements MessageHandlerInterceptor<EventMessage<?>> {

  /** How the pause is taken: {@link Thread#sleep} in production, recorded in tests. */
  interface Pause {
    void take(long nanos) throws InterruptedException;
  }

  private static final String PAUSED_IN_UNIT = BackgroundYield.class.getName() + ".paused";

  private final BooleanSupplier busy;
  private final double share;
  private final long maxPausePerBatchNanos;
  private final Pause pause;
  private final LongSupplier nanoTime;

  BackgroundYield(
      BooleanSupplier busy,
      double share,
      Duration maxPausePerBatch,
      Pause pause,
      LongSupplier nanoTime) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("the share of a thread is in (0, 1]");
    }
    this.busy = busy;
    this.share = share;
    this.maxPausePerBatchNanos = maxPausePerBatch.toNanos();
    this.pause = pause;
    this.nanoTime = nanoTime;
  }

  static BackgroundYield sleeping(BooleanSupplier busy, double share, Duration maxPausePerBatch) {
    return new BackgroundYield(
        busy,
        share,
        maxPausePerBatch,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
        System::nanoTime);
  }

  @Override
  public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
      throws Exception {
    long start = nanoTime.getAsLong();
    Object result = chain.proceed();
    if (share < 1 && busy.getAsBoolean()) {
      long took = nanoTime.getAsLong() - start;
      long[] paused = unitOfWork.root().getOrComputeResource(PAUSED_IN_UNIT, key -> new long[1]);
      long wanted = (long) (took * (1 - share) / share);
      long allowed = Math.min(wanted, maxPausePerBatchNanos - paused[0]);
      if (allowed > 0) {
        paused[0] += allowed;
        try {
          pause.take(allowed);
        } catch (InterruptedException e) {
          // Shutting down: stop pausing, let the processor see the interrupt.
          Thread.currentThread().interrupt();
        }
      }
    }
    return result;
  }
}
