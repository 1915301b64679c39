/**
 * {@code m3cvc probe}: one streaming pass of {@link org.m3cvc.container.M3cReader} over a file, written as the
 * sections of {@link org.m3cvc.cli.schema.ProbeSchema} through a {@link org.m3cvc.cli.format.SectionWriter}.
 */
package org.m3cvc.cli.probe;
