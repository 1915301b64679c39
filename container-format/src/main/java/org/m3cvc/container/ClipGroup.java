package org.m3cvc.container;

import java.util.List;

import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.text.TextChunk;

/**
 * A clip group (spec clause 6.2): everything a decoder needs of one clip but the next clip's keyframe.
 *
 * @param clip the clip_header
 * @param keyframe keyframe clip_index, the clip's first frame
 * @param texts the clip's text chunks in stream order (unmodifiable)
 * @param trailingKeyframe for the last clip of a stream with keyframe_count = clip_count + 1, keyframe clip_count
 *     (at frame frame_count - 1); else null
 * @param offset file offset of the clip_header chunk
 */
public record ClipGroup(ClipHeader clip, Keyframe keyframe, List<TextChunk> texts, Keyframe trailingKeyframe,
                        long offset) {
    public ClipGroup {
        texts = List.copyOf(texts);
    }
}
