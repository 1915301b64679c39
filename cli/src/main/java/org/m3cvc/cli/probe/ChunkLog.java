package org.m3cvc.cli.probe;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.m3cvc.container.chunk.RawChunk;

/**
 * The chunks of a file for {@code --show-chunks}, printed after the clips. A file may hold any number of small
 * ancillary chunks, so the records go to a temporary file (18 bytes each, plus the payload when it is to be shown)
 * rather than memory; {@link #close()} deletes it. Not thread-safe.
 */
final class ChunkLog implements AutoCloseable {
    private static final byte[] NO_PAYLOAD = new byte[0];

    /**
     * One chunk's framing.
     *
     * @param payload the payload when the log keeps payloads, else empty
     */
    record Entry(long offset, int type, int headerBytes, int size, long crc, byte[] payload) {
        long totalBytes() { return headerBytes + (long) size + 4; }
    }

    /** Receives entries in file order. */
    interface Sink {
        void accept(Entry e) throws IOException;
    }

    private final Path file;
    private final boolean keepPayloads;
    private final DataOutputStream out;
    private long count;
    private boolean closed;

    private ChunkLog(Path file, boolean keepPayloads) throws IOException {
        this.file = file;
        this.keepPayloads = keepPayloads;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    /** @param keepPayloads whether {@link #forEach} gives payloads too (for --show-data) */
    static ChunkLog create(boolean keepPayloads) throws IOException {
        Path f;
        try {
            f = Files.createTempFile("m3cvc-chunks-", ".tmp");
        } catch (IOException e) {
            throw new IOException("cannot create a temporary file for --show-chunks: " + e.getMessage(), e);
        }
        try {
            return new ChunkLog(f, keepPayloads);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(f);
            throw e;
        }
    }

    void add(RawChunk c) throws IOException {
        out.writeLong(c.offset());
        out.writeByte(c.type());
        out.writeByte(c.headerBytes());
        out.writeInt(c.payload().length);
        out.writeInt((int) c.crc());
        if (keepPayloads) out.write(c.payload());
        count++;
    }

    /** Replays every entry added so far, in order. */
    void forEach(Sink sink) throws IOException {
        out.flush();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            for (long i = 0; i < count; i++) {
                try {
                    long offset = in.readLong();
                    int type = in.readUnsignedByte();
                    int headerBytes = in.readUnsignedByte();
                    int size = in.readInt();
                    long crc = in.readInt() & 0xFFFF_FFFFL;
                    // size is at most max_chunk_size: the reader checked it before this chunk was logged.
                    byte[] payload = keepPayloads ? in.readNBytes(size) : NO_PAYLOAD;
                    if (payload.length != (keepPayloads ? size : 0)) throw new EOFException();
                    sink.accept(new Entry(offset, type, headerBytes, size, crc, payload));
                } catch (EOFException e) {
                    throw new IllegalStateException("chunk log " + file + " lost entries", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            out.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
