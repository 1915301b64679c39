package org.m3cvc.container;

import org.m3cvc.container.chunk.RawChunk;

/**
 * One chunk as the reader delivers it: its framing and what it parsed to.
 *
 * @param raw the chunk as framed on disk
 * @param syntax the parsed element: a {@code StreamHeader}, {@code SeekIndex}, {@code ClipHeader}, {@code Keyframe},
 *     {@code TextChunk}, {@link EndOfStream}, or null for an ancillary chunk this version does not define (skipped)
 */
public record ChunkEvent(RawChunk raw, Object syntax) {
    /** The parsed end_of_stream chunk, which has no fields. */
    public enum EndOfStream { INSTANCE }
}
