package org.m3cvc.codec.pipeline;

import java.math.BigDecimal;
import java.nio.file.Path;

import org.m3cvc.codec.describe.NoDescriber;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.select.KeyframeSelector;
import org.m3cvc.codec.select.PooledEmbedder;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;

/**
 * Child-process entry of {@link LongInputTest}: encodes a synthetic 10-minute 512x320 input at 8 fps (4800 frames,
 * 2.4 GB of RGB) into args[0], with a stand-in keyframe coder. Prints the frame and clip counts.
 */
public final class LongInputMain {
    private LongInputMain() {}

    public static void main(String[] args) throws Exception {
        VideoFormat fmt = new VideoFormat(512, 320, 8, 1);
        FrameSource src = new FrameSource() {
            long i;

            @Override public VideoFormat format() { return fmt; }

            @Override public Frame next() {
                if (i == 4800) return null;
                byte[] rgb = new byte[512 * 320 * 3];
                java.util.Arrays.fill(rgb, (byte) ((i / 40) * 37));
                return new Frame(512, 320, i++, rgb);
            }

            @Override public void close() {}
        };
        KeyframeSelector sel = new KeyframeSelector(new PooledEmbedder(), null, BigDecimal.ONE, BigDecimal.ZERO,
                new BigDecimal("0.5"), 16);
        KeyframeCoder coder = f -> {
            int[] k = new int[32 * 20];
            java.util.Arrays.fill(k, f.at(0, 0, 0));
            return new IndexPlane(32, 20, k);
        };
        StreamEncoder.Summary s = StreamEncoder.encode(src, sel, coder, new NoDescriber(), EncoderSettings.defaults(),
                StreamHeader.builder(), Path.of(args[0]), Progress.NONE);
        System.out.println(s.frames() + " " + s.clips());
    }
}
