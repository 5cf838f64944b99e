package fr.guichet.command.payment;

import fr.guichet.api.rejection.CommandRejectedException;
import fr.guichet.api.rejection.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Every payment provider the platform has, by name; new payments go to the default one. */
@Component
public class PaymentGateways {

  private final Map<String, PaymentGateway> byName = new LinkedHashMap<>();
  private final String defaultName;

  public PaymentGateways(
      List<PaymentGateway> gateways,
      @Value("${guichet.payments.provider:sandbox}") String defaultName) {
    gateways.forEach(g -> byName.put(g.name(), g));
    this.defaultName = defaultName;
  }

  public PaymentGateway byName(String name) {
    PaymentGateway gateway = byName.get(name);
    if (gateway == null) {
      throw new CommandRejectedException(
          Rejection.notFound("unknown-provider", "No payment provider named " + name + "."));
    }
    return gateway;
  }

  public PaymentGateway forNewPayments() {
    return byName(defaultName);
  }

  public List<PaymentGateway> all() {
    return List.copyOf(byName.values());
  }
}
