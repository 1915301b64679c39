package org.m3cvc.cli.probe;

/** Bits per {@link ChunkCategory}, for a whole file or one clip group. Not thread-safe. */
public final class BitAccounting {
    private final long[] bits = new long[ChunkCategory.values().length];
    private long chunks;

    /** Counts a chunk of {@code totalBytes} bytes (type, size, payload and crc). */
    public void addChunk(ChunkCategory c, long totalBytes) {
        bits[c.ordinal()] += 8 * totalBytes;
        chunks++;
    }

    /** Counts bytes that are not a chunk (the file header). */
    public void addBytes(ChunkCategory c, long bytes) {
        bits[c.ordinal()] += 8 * bytes;
    }

    public long bits(ChunkCategory c) { return bits[c.ordinal()]; }

    public long totalBits() {
        long t = 0;
        for (long b : bits) t += b;
        return t;
    }

    public long chunkCount() { return chunks; }
}
