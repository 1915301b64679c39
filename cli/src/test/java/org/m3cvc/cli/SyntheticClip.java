package org.m3cvc.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.m3cvc.codec.frame.FfmpegFrameSink;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.VideoFormat;

/** The synthetic input of the codec tests. */
final class SyntheticClip {
    private SyntheticClip() {}

    /** The hand-built test pack at the synthetic clips' 256x160, written by {@code m3cvc testpack} into dir/pack. */
    static Path testPack(Path dir) {
        Path pack = dir.resolve("pack");
        Cli made = Cli.run("testpack", pack.toString(), "--size", "256x160");
        org.junit.jupiter.api.Assertions.assertEquals(0, made.exit(), made.toString());
        return pack;
    }

    /** 48 frames at 24 fps, 256x160, FFV1: a moving gradient, then a cut to another scene at frame 24. */
    static Path sceneCut(Path clip) throws IOException {
        try (FfmpegFrameSink sink = new FfmpegFrameSink(clip, new VideoFormat(256, 160, 24, 1),
                FfmpegFrameSink.Encoder.FFV1_LOSSLESS)) {
            for (int i = 0; i < 48; i++) {
                byte[] rgb = new byte[256 * 160 * 3];
                for (int y = 0; y < 160; y++) {
                    for (int x = 0; x < 256; x++) {
                        int p = (y * 256 + x) * 3;
                        if (i < 24) {
                            rgb[p] = (byte) (x + i * 2);
                            rgb[p + 1] = (byte) y;
                            rgb[p + 2] = 60;
                        } else {
                            rgb[p] = 30;
                            rgb[p + 1] = (byte) (200 - y);
                            rgb[p + 2] = (byte) (x / 2 + 100);
                        }
                    }
                }
                sink.write(new Frame(256, 160, i, rgb));
            }
            sink.finish();
        }
        return clip;
    }
}
