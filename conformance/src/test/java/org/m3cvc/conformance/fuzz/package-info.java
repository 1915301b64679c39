/**
 * Jazzer fuzz targets for the .m3c library (see docs/fuzzing.md).
 *
 * <p>Invariant every target checks: whatever the bytes, the library either returns a whole result or throws
 * {@link org.m3cvc.container.M3cFormatException} (STYLE.md, Errors). Any other {@link Throwable} escaping a target is a
 * finding, and so is a broken round trip or a disagreement between two ways of reading the same bytes.
 *
 * <p>Under {@code mvn test} (no {@code JAZZER_FUZZ}) each {@code @FuzzTest} runs in regression mode over its seed
 * inputs: the conformance streams (copied into the test classpath by conformance/pom.xml, not duplicated in git) and
 * the regression inputs kept under {@code src/test/resources/org/m3cvc/conformance/fuzz/<Class>Inputs/<method>/}.
 * {@code scripts/fuzz} runs them in fuzzing mode.
 */
package org.m3cvc.conformance.fuzz;
