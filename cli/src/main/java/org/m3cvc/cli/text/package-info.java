/**
 * {@code m3cvc text export} and {@code m3cvc text import}: the texts of a stream (spec clause 6.7) as an editable JSON
 * file, and the stream rewritten with edited texts by {@link org.m3cvc.container.text.TextRewriter}, which copies every
 * other chunk byte for byte.
 */
package org.m3cvc.cli.text;
