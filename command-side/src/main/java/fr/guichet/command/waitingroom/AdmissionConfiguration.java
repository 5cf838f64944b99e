package fr.guichet.command.waitingroom;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The waiting rooms' adaptive admission, tuned by {@code guichet.waiting-room.adaptive.*}. */
@Configuration(proxyBeanMethods = false)
class AdmissionConfiguration {

  @Bean
  AdaptiveAdmission adaptiveAdmission(
      @Value("${guichet.waiting-room.adaptive.enabled:true}") boolean enabled,
      @Value("${guichet.waiting-room.adaptive.interval:PT1S}") Duration interval,
      @Value("${guichet.waiting-room.adaptive.floor:0.25}") double floor,
      @Value("${guichet.waiting-room.adaptive.increase:0.05}") double increase,
      @Value("${guichet.waiting-room.adaptive.decrease:0.7}") double decrease,
      @Value("${guichet.waiting-room.adaptive.hold-p99-target:PT0.5S}") Duration holdP99Target,
      @Value("${guichet.waiting-room.adaptive.in-flight-high:0.8}") double inFlightHigh,
      @Value("${guichet.waiting-room.adaptive.processor-lag-limit:10000}") long lagLimit) {
    return new AdaptiveAdmission(
        new AdaptiveAdmission.Tuning(
            enabled, interval, floor, increase, decrease, holdP99Target, inFlightHigh, lagLimit));
  }
}
