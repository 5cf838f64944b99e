package fr.guichet.command.payment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The reconciliation job runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentConfiguration {}
