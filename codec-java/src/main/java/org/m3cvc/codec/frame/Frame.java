package org.m3cvc.codec.frame;

/**
 * One picture: {@code height} rows of {@code width} RGB pixels, 8 bits per channel, interleaved (R, G, B), top row
 * first, at display index {@code index} (0-based, in the stream's frame rate).
 *
 * @param rgb width * height * 3 bytes; owned by the frame, do not modify after construction
 */
public record Frame(int width, int height, long index, byte[] rgb) {
    public Frame {
        if (width < 1 || height < 1) throw new IllegalArgumentException(width + "x" + height);
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(rgb.length + " bytes for " + width + "x" + height + " RGB");
        }
    }

    /** Channel c (0 = R) of pixel (x, y), 0..255. */
    public int at(int x, int y, int c) { return rgb[(y * width + x) * 3 + c] & 0xFF; }
}
