package org.m3cvc.codec.describe;

import org.m3cvc.codec.frame.Frame;

/** No texts: the decoder conditions on none (the reference pack is trained with text dropout). */
public final class NoDescriber implements Describer {
    @Override
    public String describeKeyframe(Frame keyframe, Frame previousKeyframe, double timeSeconds) { return null; }

    @Override
    public String describeClip(String keyframeDescription, double timeSeconds, double durationSeconds) { return null; }

    @Override
    public String language() { return "und"; }
}
