/**
 * JMH benchmarks of the .m3c library and the analyzer, and {@link org.m3cvc.bench.PlaneBits}, a compression report on
 * stand-in index planes. Run through {@code scripts/bench}; results and method in {@code docs/bench.md}.
 *
 * <p>Inputs are found relative to the working directory (the repository root): {@code conformance/streams}
 * (override with {@code -Dm3cvc.streams=DIR}); photographs for the stand-in planes in {@code /usr/share/backgrounds}
 * ({@code -Dm3cvc.images=DIR}); English text from {@code /usr/share/doc/}{@code *}{@code /copyright}.
 */
package org.m3cvc.bench;
