package fr.guichet.command.operations;

import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link BackgroundYield} on every background processor ({@code
 * guichet.processors.background}) of this JVM, tuned by {@code guichet.processors.yield.*}.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundYieldConfiguration {

  @Autowired
  void yieldToBuyersWhenBusy(
      EventProcessingConfigurer processing,
      @Value("${guichet.processors.background:buyer-mail,dashboard}") List<String> background,
      @Value("${guichet.processors.yield.enabled:true}") boolean enabled,
      @Value("${guichet.processors.yield.busy-cpu:0.85}") double busyCpu,
      @Value("${guichet.processors.yield.share:0.2}") double share,
      @Value("${guichet.processors.yield.max-pause-per-batch:PT2S}") Duration maxPausePerBatch) {
    if (!enabled) {
      return;
    }
    register(
        processing,
        background,
        BackgroundYield.sleeping(BusyCpu.ofThisMachine(busyCpu), share, maxPausePerBatch));
  }

  static void register(
      EventProcessingConfigurer processing, List<String> background, BackgroundYield yield) {
    for (String name : background) {
      if (!name.isBlank()) {
        processing.registerHandlerInterceptor(name.trim(), configuration -> yield);
      }
    }
  }
}
