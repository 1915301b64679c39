package org.m3cvc.container;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.container.clip.ClipHeader;
import org.m3cvc.container.clip.ClipMode;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.keyframe.IndexPlane;
import org.m3cvc.container.keyframe.Keyframe;
import org.m3cvc.container.keyframe.PlaneCoding;
import org.m3cvc.container.text.TextChunk;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRole;

class RoundTripTest {
    @TempDir Path dir;

    static IndexPlane plane(Random r, int w, int h, int codebook) {
        int[] k = new int[w * h];
        for (int i = 0; i < k.length; i++) k[i] = r.nextInt(4) == 0 ? r.nextInt(codebook) : (i > 0 ? k[i - 1] : 0);
        return new IndexPlane(w, h, k);
    }

    @Test
    void writeThenReadGivesTheSameElements() throws IOException {
        StreamHeader sh = StreamHeader.builder().frames(20, 3, 4).build();
        Random r = new Random(1);
        Path out = dir.resolve("a.m3c");
        IndexPlane[] planes = new IndexPlane[4];
        for (int i = 0; i < 4; i++) planes[i] = plane(r, 32, 20, 256);
        try (M3cWriter w = M3cWriter.create(out, sh, true)) {
            int[] starts = {0, 8, 14};
            int[] counts = {8, 6, 6};
            for (int i = 0; i < 3; i++) {
                List<TextChunk> texts = List.of(
                        TextChunk.of(TextRole.KEYFRAME_DESCRIPTION, i, TextCoder.LZW, "en", "a red kite over a field " + i),
                        TextChunk.of(TextRole.CLIP_DESCRIPTION, i, TextCoder.LZW, "en", "the kite drifts left"));
                w.writeClip(new ClipHeader(i, starts[i], counts[i], ClipMode.INTERPOLATION.code(), texts.size()),
                        Keyframe.of(i, starts[i], PlaneCoding.CONTEXT_RANGE, planes[i], 256), texts);
            }
            w.writeTrailingKeyframe(Keyframe.of(3, 19, PlaneCoding.RAW, planes[3], 256));
            w.finish();
        }
        try (M3cReader rd = M3cReader.open(Files.newInputStream(out), "a.m3c")) {
            assertEquals(sh.frameCount(), rd.streamHeader().frameCount());
            assertNull(rd.seekIndex(), "read lazily");
            assertTrue(rd.next().syntax() instanceof StreamHeader);
            assertTrue(rd.peek().syntax() instanceof org.m3cvc.container.seek.SeekIndex);
            assertNotNull(rd.seekIndex());
            for (int i = 0; i < 3; i++) {
                ClipGroup g = rd.nextClip();
                assertEquals(i, g.clip().clipIndex());
                assertEquals(planes[i], g.keyframe().plane());
                assertEquals("a red kite over a field " + i, g.texts().get(0).text());
                if (i == 2) assertEquals(planes[3], g.trailingKeyframe().plane());
                else assertNull(g.trailingKeyframe());
            }
            assertNull(rd.nextClip());
        }
        try (M3cFile f = M3cFile.open(out)) {
            assertEquals(3, f.clipCount());
            assertEquals(2, f.clipForFrame(15));
            assertEquals(planes[1], f.readClip(1).keyframe().plane());
            assertEquals(planes[3], f.readClip(2).trailingKeyframe().plane());
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)), "outputs are not left private like temporary files");
        try (InputStream in = Files.newInputStream(out)) {
            String syntax = DecodedSyntax.of(M3cReader.open(in, "a.m3c"));
            assertTrue(syntax.startsWith(DecodedSyntax.MAGIC_LINE + "\nstream_header coded_width=512 "), syntax);
        }
    }

    @Test
    void writerRefusesNonConformingInputAndLeavesNoFile() throws IOException {
        StreamHeader sh = StreamHeader.builder().frames(8, 1, 1).build();
        Path out = dir.resolve("b.m3c");
        try (M3cWriter w = M3cWriter.create(out, sh, true)) {
            IndexPlane p = plane(new Random(2), 32, 20, 256);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.writeClip(
                    new ClipHeader(0, 0, 8, ClipMode.INTERPOLATION.code(), 0),
                    Keyframe.of(0, 0, PlaneCoding.RAW, p, 256), List.of()));
            assertTrue(e.getMessage().contains("CL-5"), e.getMessage());
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no output and no temporary file left behind");
        }
    }
}
