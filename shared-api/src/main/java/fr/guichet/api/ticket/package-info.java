/** Tickets of confirmed orders: issue, door admission, revocation. */
package fr.guichet.api.ticket;
