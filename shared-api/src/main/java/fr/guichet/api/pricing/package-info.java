/** Pricing rule sets and the subscriber registry: events shared by both sides. */
package fr.guichet.api.pricing;
