package org.m3cvc.bridge;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.m3cvc.codec.frame.CoverScaler;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameRateConverter;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;

/**
 * A {@link FrameSource} fed by the host (an FFmpeg encoder): pictures arrive with their timestamps on the host's thread,
 * are scaled to the coded size ({@link CoverScaler}) and converted to the coded rate ({@link FrameRateConverter}, the
 * rule of the file input), and wait in a short queue for the encoder's thread. The queue bounds memory: a push blocks
 * while the encoder is behind, and gives up when the encoder has stopped.
 */
final class PushedFrameSource implements FrameSource {
    private static final Frame END = new Frame(1, 1, -1, new byte[3]);

    private final VideoFormat format;
    private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(4);
    private final FrameRateConverter<byte[]> rate;
    private final BooleanSupplier consumerAlive;
    private CoverScaler scaler;
    /** The input size {@link #scaler} was made for. */
    private int scalerWidth, scalerHeight;
    private boolean ended;

    /** @param consumerAlive false once the encoder's thread has stopped (a push then fails instead of waiting) */
    PushedFrameSource(VideoFormat format, BooleanSupplier consumerAlive) {
        this.format = format;
        this.rate = new FrameRateConverter<>(format.frameRateNum(), format.frameRateDen());
        this.consumerAlive = consumerAlive;
    }

    @Override
    public VideoFormat format() { return format; }

    /**
     * One input picture, RGB24, {@code height} rows {@code stride} bytes apart.
     *
     * @param period one input frame period in seconds, {num, den} (for a frame without duration)
     */
    void push(byte[] rgb, int width, int height, int stride, long pts, long duration, long tbNum, long tbDen,
              long[] period) throws IOException, InterruptedException {
        if (ended) throw new IllegalStateException("frame after the end of the input");
        if (scaler == null || width != scalerWidth || height != scalerHeight) {
            scaler = new CoverScaler(width, height, format.width(), format.height());
            scalerWidth = width;
            scalerHeight = height;
        }
        byte[] scaled = scaler.scale(rgb, stride);
        for (FrameRateConverter.Out<byte[]> o : rate.push(scaled, pts, duration, tbNum, tbDen, period)) put(o);
    }

    /** The end of the input. */
    void end() throws IOException, InterruptedException {
        if (ended) return;
        for (FrameRateConverter.Out<byte[]> o : rate.end()) put(o);
        ended = true;
        put(END);
    }

    private void put(FrameRateConverter.Out<byte[]> o) throws IOException, InterruptedException {
        put(new Frame(format.width(), format.height(), o.index(), o.picture().clone()));
    }

    private void put(Frame f) throws IOException, InterruptedException {
        while (!queue.offer(f, 100, TimeUnit.MILLISECONDS)) {
            if (!consumerAlive.getAsBoolean()) throw new IOException("the encoder stopped");
        }
    }

    @Override
    public Frame next() throws IOException {
        try {
            Frame f = queue.take();
            if (f == END) {
                queue.offer(END); // idempotent end
                return null;
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a frame", e);
        }
    }

    @Override
    public void close() {
        queue.clear();
    }
}
