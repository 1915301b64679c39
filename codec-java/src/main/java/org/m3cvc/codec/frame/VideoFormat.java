package org.m3cvc.codec.frame;

/**
 * Picture size and frame rate of a sequence of frames (the rate as a rational, as the stream header holds it).
 */
public record VideoFormat(int width, int height, long frameRateNum, long frameRateDen) {
    public VideoFormat {
        if (width < 1 || height < 1 || frameRateNum < 1 || frameRateDen < 1) {
            throw new IllegalArgumentException(width + "x" + height + " @ " + frameRateNum + "/" + frameRateDen);
        }
    }

    public double frameRate() { return (double) frameRateNum / frameRateDen; }
}
