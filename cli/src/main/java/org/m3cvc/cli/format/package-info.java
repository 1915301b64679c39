/**
 * Output formats of the analyzer, each a small {@link org.m3cvc.cli.format.Formatter} over the field table (ffprobe's
 * {@code tf_json.c} and siblings), and {@link org.m3cvc.cli.format.SectionWriter}, the checked front that the
 * analyzer writes through.
 */
package org.m3cvc.cli.format;
