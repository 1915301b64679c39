package org.m3cvc.codec.select;

import org.m3cvc.codec.frame.Frame;

/** The amount of motion between two frames (the paper: mean RAFT flow magnitude), in pixels of the frames given. */
@FunctionalInterface
public interface MotionEstimator {
    double meanFlowMagnitude(Frame from, Frame to) throws Exception;
}
