package fr.guichet.command.account;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The credential and token tables live in the platform's database, beside the event store. The
 * package joins the auto-configuration packages (as Axon's own entities do) rather than using
 * {@code @EntityScan}, which would replace the scan and lose Axon's entities.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage(basePackageClasses = Credential.class)
class AccountPersistence {}
