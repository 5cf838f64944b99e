package fr.guichet.command.payment.sandbox;

import java.net.URI;

/** Where the sandbox's pages are served and where it sends webhooks. */
public interface SandboxAddresses {

  URI pageUrl(String providerPaymentId);

  URI webhookUrl();
}
