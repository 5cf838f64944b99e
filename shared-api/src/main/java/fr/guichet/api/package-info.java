/**
 * The public language of Guichet: commands, events, queries and value objects shared by the command
 * side and the query side. Plain Java records; no Spring.
 */
package fr.guichet.api;
