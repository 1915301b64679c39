package org.m3cvc.codec.frame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * Writes each frame as an 8-bit RGB PNG (javax.imageio) into a directory: {@code <dir>/000000.png, 000001.png, ...}
 * numbered from 0 in write order, or, for a destination like {@code out/frame_%05d.png}, the directory {@code out}
 * with names from that pattern ({@code %d} or {@code %0Nd}, as FFmpeg's image2 reads them back).
 *
 * <p>All files go to a temporary directory next to the destination directory, which {@link #finish()} renames onto
 * it; the destination must not exist or be an empty directory. {@link #close()} without {@code finish()} deletes the
 * temporary directory. Not thread-safe.
 */
public final class PngSequenceSink implements FrameSink {
    /** {@code %d} or {@code %0Nd} in a file name. */
    static final Pattern NUMBER = Pattern.compile("%(0\\d+)?d");

    private final Path directory;
    private final String namePattern;
    private final VideoFormat format;
    private final TempOutput temp;
    private final BufferedImage image;
    private long count;
    private boolean finished;
    private boolean closed;

    /**
     * @param out a directory, or a file-name pattern containing {@code %d}/{@code %0Nd} inside the output directory
     * @throws IOException naming the directory: exists and not empty, or its parent cannot take the temporary
     */
    public PngSequenceSink(Path out, VideoFormat format) throws IOException {
        Path name = out.getFileName();
        if (name != null && NUMBER.matcher(name.toString()).find()) {
            Path parent = out.toAbsolutePath().getParent();
            this.directory = parent;
            String n = name.toString();
            Matcher m = NUMBER.matcher(n);
            m.find();
            this.namePattern = n.substring(0, m.start()).replace("%", "%%") + m.group() + n.substring(m.end()).replace("%", "%%");
        } else {
            this.directory = out;
            this.namePattern = "%06d.png";
        }
        this.format = format;
        this.image = new BufferedImage(format.width(), format.height(), BufferedImage.TYPE_3BYTE_BGR);
        this.temp = TempOutput.directory(directory);
    }

    /** The directory that {@link #finish()} creates. */
    public Path directory() { return directory; }

    /** The name of the {@code index}-th file written. */
    public String fileName(long index) { return String.format(Locale.ROOT, namePattern, index); }

    @Override
    public void write(Frame frame) throws IOException {
        if (closed) throw new IllegalStateException(directory + ": sink is closed");
        if (frame.width() != format.width() || frame.height() != format.height()) {
            throw new IllegalArgumentException(directory + ": frame " + frame.width() + "x" + frame.height() + ", sink is " + format.width() + "x" + format.height());
        }
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = frame.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        Path file = temp.temp().resolve(fileName(count));
        try {
            if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer");
        } catch (IOException e) {
            throw new IOException(directory.resolve(fileName(count)) + ": write failed: " + e, e);
        }
        count++;
    }

    @Override
    public void finish() throws IOException {
        if (closed) throw new IllegalStateException(directory + ": sink is closed");
        temp.commit();
        finished = true;
        close();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!finished) temp.discard();
    }
}
