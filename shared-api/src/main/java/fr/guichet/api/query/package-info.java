/**
 * Queries the read side answers through Axon's query bus, and their answers: what a command-side
 * client may ask to read its own writes.
 */
package fr.guichet.api.query;
