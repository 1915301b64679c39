package org.m3cvc.cli.eval;

import java.io.IOException;
import java.nio.file.Path;

import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;

/**
 * One clip under evaluation: its source, the format every codec works at, and the prepared 4:2:0 reference
 * ({@code reference.y4m}) that x264 and x265 read.
 *
 * <p>Metrics are taken against {@link #reference()}: the source read again through {@link FfmpegFrameSource} at
 * {@code format} (the same scale, centre crop and frame-rate conversion as {@code m3cvc encode}, deterministic), so
 * that every codec is measured against exactly the RGB frames m3cvc encodes, not against the y4m, whose chroma is
 * subsampled.
 *
 * @param name the clip's name in CSVs and plots (its file name without extension, made unique)
 * @param frames the number of frames at {@code format} (after any --frames limit)
 * @param limited whether --frames cut the clip short
 * @param dir where this clip's encodes go
 */
record EvalClip(String name, Path source, VideoFormat format, long frames, boolean limited, Path referenceY4m, Path dir) {
    /** A new reader of the reference frames; the caller closes it. */
    FrameSource reference() throws IOException {
        return new LimitedSource(FfmpegFrameSource.open(source, format), frames);
    }

    long pixels() { return (long) format.width() * format.height() * frames; }
}
