/**
 * The analyzer's field table, as ffprobe's {@code sections[]}: every section and field that {@code m3cvc probe} can
 * print, with its type and origin. Every formatter is driven by it, {@code probe --sections} prints it, and
 * {@link org.m3cvc.cli.format.SectionWriter} refuses a section or field the table does not declare, so the table and
 * the output cannot drift.
 */
package org.m3cvc.cli.schema;
