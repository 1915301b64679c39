/**
 * {@code m3cvc verify}: checks every requirement of whole files. {@link org.m3cvc.cli.verify.Verify#check} is the
 * entry point for the conformance suite and fuzzers.
 */
package org.m3cvc.cli.verify;
