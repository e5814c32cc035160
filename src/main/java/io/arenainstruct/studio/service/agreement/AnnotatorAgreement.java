package io.arenainstruct.studio.service.agreement;

/**
 * Two annotators over the battles both voted on (each one's latest vote on a battle).
 *
 * @param a the first by name
 * @param b the second by name
 */
public record AnnotatorAgreement(String a, String b, long battles, Double agreement, Double kappa) {}
