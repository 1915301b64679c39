package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.PlaneCoding;

/**
 * Inputs built to exhaust memory or time: the reader must get through them in a JVM limited to 32 MiB of heap (spec
 * clause 9 bounds a reader's memory well below that) and within seconds, with a verdict and no other failure.
 */
class HostileInputTest {
    @TempDir Path dir;

    private Path write(String name, byte[]... parts) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p))) {
            for (byte[] b : parts) o.write(b);
        }
        return p;
    }

    private static byte[] header(StreamHeader sh) {
        return new BitWriter().bytes(FileHeader.current().toBytes())
                .bytes(ChunkWriter.frame(ChunkType.STREAM_HEADER.code(), sh.toPayload())).toByteArray();
    }

    @Test
    void readerStaysWithinItsMemoryBoundAndFinishes() throws Exception {
        List<Path> files = new ArrayList<>();
        StreamHeader sh = StreamHeader.builder().frames(16_777_216, 65536, 65537).build();
        // 40 ancillary chunks of max_chunk_size: 40 MiB of input, more than the child's heap.
        Path many = dir.resolve("many_big_chunks.m3c");
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(many))) {
            o.write(header(sh));
            byte[] big = ChunkWriter.frame(0xC0, new byte[1 << 20]);
            for (int i = 0; i < 40; i++) o.write(big);
        }
        files.add(many);
        // A seek index of 65536 entries (the limit).
        BitWriter si = new BitWriter().leb128(65536);
        for (int i = 0; i < 65536; i++) si.leb128(i == 0 ? 0 : 100).leb128(i == 0 ? 0 : 256);
        files.add(write("max_seek_index.m3c", header(sh), ChunkWriter.frame(ChunkType.SEEK_INDEX.code(),
                si.toByteArray())));
        // A declared chunk far beyond the limit, and a seek index claiming more entries than its bytes hold.
        files.add(write("huge_chunk_size.m3c", header(sh), new BitWriter().u8(0xC0).leb128(0xFFFF_FFFFL).toByteArray()));
        files.add(write("seek_count_lies.m3c", header(sh), ChunkWriter.frame(ChunkType.SEEK_INDEX.code(),
                new BitWriter().leb128(65536).toByteArray())));
        // The largest plane, as garbage for the range decoder, and an LZW "bomb" of text_size max from few bytes.
        StreamHeader big = StreamHeader.builder().frames(1, 1, 1).plane(256, 256, 4096).build();
        byte[] clip = ChunkWriter.frame(ChunkType.CLIP_HEADER.code(), new BitWriter().leb128(0).leb128(0).leb128(1)
                .u8(0).leb128(1).toByteArray());
        byte[] garbage = new byte[200_000];
        new java.util.Random(1).nextBytes(garbage);
        byte[] kf = ChunkWriter.frame(ChunkType.KEYFRAME.code(), new BitWriter().leb128(0).leb128(0)
                .u8(PlaneCoding.CONTEXT_RANGE.code()).bytes(garbage).toByteArray());
        files.add(write("garbage_max_plane.m3c", header(big), clip, kf));
        byte[] zeros = new byte[65536];
        byte[] lzw = org.m3cvc.container.text.Lzw.encode(zeros);
        byte[] text = ChunkWriter.frame(ChunkType.TEXT.code(), new BitWriter().u8(2).leb128(0).u8(1).string("en")
                .leb128(65536).bytes(lzw).toByteArray());
        byte[] goodKf = ChunkWriter.frame(ChunkType.KEYFRAME.code(), new BitWriter().leb128(0).leb128(0).u8(0)
                .bytes(new byte[32 * 20]).toByteArray());
        StreamHeader one = StreamHeader.builder().frames(1, 1, 1).build();
        files.add(write("lzw_max_text.m3c", header(one), clip, goodKf, text,
                ChunkWriter.frame(ChunkType.END_OF_STREAM.code(), new byte[0])));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                BoundedReadMain.class.getName()));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "reader did not finish in 60 s");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertEquals(List.of("invalid ST-6", "invalid ST-6", "invalid CK-2", "invalid CK-4", "invalid KF-4",
                "valid 5"), out.lines().toList(), out);
    }
}
