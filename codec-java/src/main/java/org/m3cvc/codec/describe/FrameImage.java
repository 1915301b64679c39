package org.m3cvc.codec.describe;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.m3cvc.codec.frame.Frame;

/**
 * A frame as a chat message sends it: a PNG {@code data:} URL, made only when a request is actually sent, and the
 * SHA-256 of its pixels, which is what the response cache keys on (PNG bytes could differ between JDKs, pixels do
 * not).
 */
final class FrameImage {
    private final Frame frame;
    private final String pixelSha256;
    private String dataUrl;

    FrameImage(Frame frame) {
        this.frame = frame;
        this.pixelSha256 = pixelHash(frame);
    }

    /** SHA-256 of width, height (4 bytes each, big-endian) and the RGB bytes, in lowercase hex. */
    static String pixelHash(Frame f) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(new byte[] {(byte) (f.width() >>> 24), (byte) (f.width() >>> 16), (byte) (f.width() >>> 8),
                    (byte) f.width(), (byte) (f.height() >>> 24), (byte) (f.height() >>> 16),
                    (byte) (f.height() >>> 8), (byte) f.height()});
            md.update(f.rgb());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    String pixelSha256() { return pixelSha256; }

    /** {@code data:image/png;base64,...} of the frame. */
    String dataUrl() {
        if (dataUrl == null) dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png(frame));
        return dataUrl;
    }

    static byte[] png(Frame f) {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
        int[] row = new int[f.width()];
        byte[] rgb = f.rgb();
        for (int y = 0, p = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++, p += 3) {
                row[x] = (rgb[p] & 0xFF) << 16 | (rgb[p + 1] & 0xFF) << 8 | (rgb[p + 2] & 0xFF);
            }
            img.setRGB(0, y, f.width(), 1, row, 0, f.width());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer in this JDK");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}
