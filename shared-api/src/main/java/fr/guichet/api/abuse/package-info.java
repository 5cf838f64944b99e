/** Abuse signals: what the anti-scalping watch records for the box office. */
package fr.guichet.api.abuse;
