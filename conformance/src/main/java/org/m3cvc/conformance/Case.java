package org.m3cvc.conformance;

/**
 * One conformance stream: valid (with the MD5 of its decoded syntax) or invalid (breaking exactly one requirement).
 *
 * @param name file name without extension; stable
 * @param description one line: what the stream covers or breaks
 * @param spec the stream's chunks
 * @param requirementId the requirement an invalid stream breaks; null for a valid stream
 */
record Case(String name, String description, StreamSpec spec, String requirementId) {
    boolean valid() { return requirementId == null; }
}
