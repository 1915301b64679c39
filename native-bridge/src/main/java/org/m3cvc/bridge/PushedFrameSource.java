package org.m3cvc.bridge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>With a spool file, every frame the encoder takes is also written there, so that {@link #replay()} can give the
 * same frames again: the second pass of rate control, which FFmpeg's single stream of pictures cannot give otherwise.
 * The spool holds the coded-size pictures (width x height x 3 bytes each) and is deleted with its directory.
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

    private final Path spool;
    private DataOutputStream spoolOut;

    /**
     * @param consumerAlive false once the encoder's thread has stopped (a push then fails instead of waiting)
     * @param spool where to keep the frames for {@link #replay()}, or null
     */
    PushedFrameSource(VideoFormat format, BooleanSupplier consumerAlive, Path spool) throws IOException {
        this.format = format;
        this.spool = spool;
        if (spool != null) spoolOut = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 20));
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
                if (spoolOut != null) {
                    spoolOut.close();
                    spoolOut = null;
                }
                return null;
            }
            if (spoolOut != null) {
                spoolOut.writeLong(f.index());
                spoolOut.write(f.rgb());
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a frame", e);
        }
    }

    /** The frames this source gave, from the spool, once it has returned its end. */
    FrameSource replay() throws IOException {
        if (spool == null || spoolOut != null) {
            throw new IllegalStateException("replay needs a spool and the first pass read to its end");
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 1 << 20));
        int size = format.width() * format.height() * 3;
        return new FrameSource() {
            @Override public VideoFormat format() { return format; }

            @Override
            public Frame next() throws IOException {
                long index;
                try {
                    index = in.readLong();
                } catch (EOFException e) {
                    return null;
                }
                byte[] rgb = new byte[size];
                in.readFully(rgb);
                return new Frame(format.width(), format.height(), index, rgb);
            }

            @Override public void close() throws IOException { in.close(); }
        };
    }

    @Override
    public void close() throws IOException {
        queue.clear();
        // A first pass that stops early (an error) leaves the spool to the directory's deletion.
    }
}
