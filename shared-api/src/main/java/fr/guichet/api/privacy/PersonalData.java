package fr.guichet.api.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of an event that holds personal data about the {@link DataSubject} of the same
 * event. Such fields are the ones a crypto-shredding serializer encrypts with a per-subject key, so
 * that deleting the key erases them from the append-only store. Secrets (passwords, hashes, tokens)
 * never go into events at all, marked or not.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
public @interface PersonalData {}
