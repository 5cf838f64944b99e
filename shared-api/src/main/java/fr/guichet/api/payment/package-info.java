/** Payments of orders through a bank (the built-in sandbox or a real provider), and refunds. */
package fr.guichet.api.payment;
