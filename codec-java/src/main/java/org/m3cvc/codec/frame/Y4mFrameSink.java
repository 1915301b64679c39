package org.m3cvc.codec.frame;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes YUV4MPEG2 ({@code .y4m}), 8-bit 4:2:0. Header:
 * {@code YUV4MPEG2 W<w> H<h> F<num>:<den> Ip A1:1 C420jpeg XYSCSS=420JPEG XCOLORRANGE=FULL}.
 *
 * <p>Conversion: BT.601 matrix (Kr = 0.299, Kb = 0.114), <b>full range</b> (JFIF: Y, Cb, Cr all 0..255, no
 * 16..235 headroom), as the {@code XCOLORRANGE=FULL} tag tells FFmpeg:
 * {@code Y = 0.299R + 0.587G + 0.114B}, {@code Cb = 128 - 0.168736R - 0.331264G + 0.5B},
 * {@code Cr = 128 + 0.5R - 0.418688G - 0.081312B}, rounded and clamped. Chroma is the mean of each 2x2 block's Cb/Cr
 * (JPEG siting, centred; an odd last column or row averages what exists); chroma planes are ceil(w/2) x ceil(h/2).
 * {@link #toRgb} is the matching inverse.
 *
 * <p>Writes to a temporary file in the destination's directory; {@link #finish()} renames it onto the destination,
 * {@link #close()} without {@code finish()} deletes it. Not thread-safe.
 */
public final class Y4mFrameSink implements FrameSink {
    private final Path out;
    private final VideoFormat format;
    private final TempOutput temp;
    private OutputStream stream;
    private final byte[] plane;
    private boolean finished;
    private boolean closed;

    /** @throws IOException naming {@code out} when its directory cannot take the temporary file */
    public Y4mFrameSink(Path out, VideoFormat format) throws IOException {
        this.out = out;
        this.format = format;
        int cw = (format.width() + 1) / 2, ch = (format.height() + 1) / 2;
        this.plane = new byte[format.width() * format.height() + 2 * cw * ch];
        this.temp = TempOutput.file(out);
        try {
            stream = new BufferedOutputStream(Files.newOutputStream(temp.temp()), 1 << 16);
            String header = "YUV4MPEG2 W" + format.width() + " H" + format.height() + " F" + format.frameRateNum() + ":"
                    + format.frameRateDen() + " Ip A1:1 C420jpeg XYSCSS=420JPEG XCOLORRANGE=FULL\n";
            stream.write(header.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            close();
            throw new IOException(out + ": cannot write: " + e, e);
        }
    }

    @Override
    public void write(Frame frame) throws IOException {
        checkOpen();
        if (frame.width() != format.width() || frame.height() != format.height()) {
            throw new IllegalArgumentException(out + ": frame " + frame.width() + "x" + frame.height() + ", sink is " + format.width() + "x" + format.height());
        }
        toYuv420(frame.rgb(), format.width(), format.height(), plane);
        try {
            stream.write(FRAME);
            stream.write(plane);
        } catch (IOException e) {
            throw new IOException(out + ": write failed: " + e, e);
        }
    }

    private static final byte[] FRAME = "FRAME\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void finish() throws IOException {
        checkOpen();
        try {
            stream.close();
            stream = null;
        } catch (IOException e) {
            close();
            throw new IOException(out + ": write failed: " + e, e);
        }
        temp.commit();
        finished = true;
        close();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (stream != null) {
            try { stream.close(); } catch (IOException ignored) { /* the temporary is deleted below */ }
            stream = null;
        }
        if (!finished) temp.discard();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException(out + ": sink is closed");
    }

    /** RGB24 to planar Y, Cb, Cr (full-range BT.601, 4:2:0) into {@code yuv} (w*h + 2*ceil(w/2)*ceil(h/2) bytes). */
    static void toYuv420(byte[] rgb, int w, int h, byte[] yuv) {
        int cw = (w + 1) / 2, ch = (h + 1) / 2;
        int uOff = w * h, vOff = uOff + cw * ch;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                int r = rgb[i] & 0xFF, g = rgb[i + 1] & 0xFF, b = rgb[i + 2] & 0xFF;
                yuv[y * w + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                double cb = 0, cr = 0;
                int n = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int x = 2 * cx + dx, y = 2 * cy + dy;
                        if (x >= w || y >= h) continue;
                        int i = (y * w + x) * 3;
                        int r = rgb[i] & 0xFF, g = rgb[i + 1] & 0xFF, b = rgb[i + 2] & 0xFF;
                        cb += 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
                        cr += 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
                        n++;
                    }
                }
                yuv[uOff + cy * cw + cx] = clamp(cb / n);
                yuv[vOff + cy * cw + cx] = clamp(cr / n);
            }
        }
    }

    /** The inverse of {@link #toYuv420}: full-range BT.601 4:2:0 planes to RGB24 (chroma repeated over each 2x2). */
    static byte[] toRgb(byte[] yuv, int w, int h) {
        int cw = (w + 1) / 2, ch = (h + 1) / 2;
        int uOff = w * h, vOff = uOff + cw * ch;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double yy = yuv[y * w + x] & 0xFF;
                double cb = (yuv[uOff + (y / 2) * cw + x / 2] & 0xFF) - 128;
                double cr = (yuv[vOff + (y / 2) * cw + x / 2] & 0xFF) - 128;
                int i = (y * w + x) * 3;
                rgb[i] = clamp(yy + 1.402 * cr);
                rgb[i + 1] = clamp(yy - 0.344136 * cb - 0.714136 * cr);
                rgb[i + 2] = clamp(yy + 1.772 * cb);
            }
        }
        return rgb;
    }

    private static byte clamp(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
