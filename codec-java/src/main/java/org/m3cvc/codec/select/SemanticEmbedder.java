package org.m3cvc.codec.select;

import org.m3cvc.codec.frame.Frame;

/** A semantic embedding of a frame (the paper uses CLIP's image tower), compared by cosine similarity. */
@FunctionalInterface
public interface SemanticEmbedder {
    /** The embedding; owned by the caller. */
    float[] embed(Frame frame) throws Exception;
}
