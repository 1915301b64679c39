package org.m3cvc.container.chunk;

import java.io.IOException;

import org.m3cvc.container.Limits;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;

/**
 * Reads chunks (spec clause 5.2) one after another: frames them, checks CK-1, CK-2, BS-1 on chunk_size and CK-3, and
 * never allocates more than {@link Limits#MAX_CHUNK_SIZE} for a payload. Knows nothing of chunk syntax.
 *
 * <p>Not thread-safe.
 */
public final class ChunkReader {
    private final CountingInput in;
    private final String file;

    public ChunkReader(CountingInput in, String file) {
        this.in = in;
        this.file = file;
    }

    public long offset() { return in.offset(); }

    /**
     * The next chunk, or null when the input ends exactly at a chunk boundary.
     *
     * @throws M3cFormatException for a truncated chunk (CK-1), an oversized one (CK-2), a bad chunk_size encoding
     *     (BS-1) or a CRC mismatch (CK-3)
     */
    public RawChunk next() throws IOException {
        long start = in.offset();
        int type = in.read();
        if (type < 0) return null;
        String name = "/" + ChunkType.nameOf(type);
        byte[] header = new byte[6];
        header[0] = (byte) type;
        int headerLen = 1;
        long size = 0;
        for (int i = 0; ; i++) {
            int b = in.read();
            if (b < 0) throw truncated(start, name + "/chunk_size");
            header[headerLen++] = (byte) b;
            size |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i > 0 && b == 0) {
                    throw new M3cFormatException(file, start + 1, 0, name + "/chunk_size", "minimal leb128 encoding",
                            "a redundant zero byte", Requirement.BS_1);
                }
                break;
            }
            if (i == 4) {
                throw new M3cFormatException(file, start + 1, 0, name + "/chunk_size", "leb128 of at most 5 bytes",
                        "more", Requirement.BS_1);
            }
        }
        if (size > Limits.MAX_CHUNK_SIZE) {
            throw new M3cFormatException(file, start + 1, 0, name + "/chunk_size", "at most " + Limits.MAX_CHUNK_SIZE,
                    Long.toString(size), Requirement.CK_2);
        }
        byte[] payload = new byte[(int) size];
        if (in.readFully(payload, 0, payload.length) < payload.length) throw truncated(start, name + "/chunk_payload");
        byte[] crcBytes = new byte[4];
        long crcAt = in.offset();
        if (in.readFully(crcBytes, 0, 4) < 4) throw truncated(start, name + "/chunk_crc");
        long stored = ((crcBytes[0] & 0xFFL) << 24) | ((crcBytes[1] & 0xFFL) << 16) | ((crcBytes[2] & 0xFFL) << 8)
                | (crcBytes[3] & 0xFFL);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(header, 0, headerLen);
        c.update(payload, 0, payload.length);
        long computed = c.getValue();
        if (computed != stored) {
            throw new M3cFormatException(file, crcAt, 0, name + "/chunk_crc", String.format("0x%08X", computed),
                    String.format("0x%08X", stored), Requirement.CK_3);
        }
        return new RawChunk(type, start, headerLen, payload, stored);
    }

    private M3cFormatException truncated(long chunkStart, String element) {
        return new M3cFormatException(file, in.offset(), 0, element, "a whole chunk (starting at offset 0x"
                + Long.toHexString(chunkStart).toUpperCase() + ")", "end of file", Requirement.CK_1);
    }
}
