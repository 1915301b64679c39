package org.m3cvc.codec.frame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks a {@link FrameSink} from the destination path. */
public final class FrameSinks {
    private FrameSinks() {}

    /**
     * {@code .y4m} → {@link Y4mFrameSink}; an existing directory or a name with a {@code %d}/{@code %0Nd} pattern →
     * {@link PngSequenceSink};
     * anything else → {@link FfmpegFrameSink} with its default encoder (the extension picks the muxer).
     *
     * @throws IOException naming {@code out} as the chosen sink's constructor does
     */
    public static FrameSink forPath(Path out, VideoFormat format) throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".y4m")) return new Y4mFrameSink(out, format);
        if (Files.isDirectory(out) || PngSequenceSink.NUMBER.matcher(name).find()) return new PngSequenceSink(out, format);
        return new FfmpegFrameSink(out, format);
    }
}
