package org.m3cvc.codec.frame;

import java.io.IOException;

/**
 * Presents the display area of decoded frames: the top-left {@code width} × {@code height} pixels of each coded frame
 * (spec/m3c.md 6.3, display_width and display_height), passed on to the sink it owns.
 */
public final class CroppingSink implements FrameSink {
    private final FrameSink sink;
    private final int width;
    private final int height;

    /** @param sink receives the cropped frames; owned (closed) by this sink */
    public CroppingSink(FrameSink sink, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException(width + "x" + height);
        this.sink = sink;
        this.width = width;
        this.height = height;
    }

    /** {@code sink} itself when no crop is needed, else a cropping sink around it. */
    public static FrameSink of(FrameSink sink, int codedWidth, int codedHeight, int displayWidth, int displayHeight) {
        return codedWidth == displayWidth && codedHeight == displayHeight ? sink
                : new CroppingSink(sink, displayWidth, displayHeight);
    }

    @Override
    public void write(Frame f) throws IOException {
        sink.write(topLeft(f, width, height));
    }

    /** The top-left {@code width} × {@code height} pixels of {@code f} (the display area); {@code f} itself if that is all of it. */
    public static Frame topLeft(Frame f, int width, int height) {
        if (f.width() == width && f.height() == height) return f;
        if (f.width() < width || f.height() < height) {
            throw new IllegalArgumentException("frame " + f.width() + "x" + f.height() + " smaller than the display "
                    + width + "x" + height);
        }
        byte[] out = new byte[width * height * 3];
        for (int y = 0; y < height; y++) System.arraycopy(f.rgb(), y * f.width() * 3, out, y * width * 3, width * 3);
        return new Frame(width, height, f.index(), out);
    }

    @Override
    public void finish() throws IOException { sink.finish(); }

    @Override
    public void close() throws IOException { sink.close(); }
}
