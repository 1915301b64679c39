package org.m3cvc.codec.pipeline;

import org.m3cvc.codec.frame.Frame;
import org.m3cvc.container.keyframe.IndexPlane;

/** Frame to index plane: the encoder half of the keyframe codec (image_encoder, post_encoder, VQ). */
@FunctionalInterface
public interface KeyframeCoder {
    IndexPlane encode(Frame keyframe) throws Exception;
}
