/** E-mails the platform sent, recorded so that a redelivered event never sends one twice. */
package fr.guichet.api.mail;
