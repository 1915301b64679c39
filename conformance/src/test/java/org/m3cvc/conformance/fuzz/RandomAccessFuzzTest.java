package org.m3cvc.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.m3cvc.container.ClipGroup;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cFile;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;

/**
 * Target (b): random access through {@link M3cFile} on a file holding arbitrary bytes (as given, and with consistent
 * CRCs, see {@link CrcFixer}).
 *
 * <p>Opens the file, reads every clip from the last to the first (the order that trusts the seek index most) and maps
 * each clip's first frame back to the clip. Only {@link M3cFormatException} may escape. When the streaming reader
 * accepts the whole input, random access must accept it too, find clip_count clips and deliver exactly the clip
 * groups a sequential read delivers.
 */
class RandomAccessFuzzTest {

    @FuzzTest
    void randomAccess(byte[] data) throws IOException {
        check(data);
        byte[] fixed = CrcFixer.fix(data);
        if (!Arrays.equals(fixed, data)) check(fixed);
    }

    private static void check(byte[] data) throws IOException {
        List<String> sequential = sequentialClips(data);
        List<String> random = new ArrayList<>();
        Path p = FuzzFiles.write(data);
        try (M3cFile f = M3cFile.open(p)) {
            for (int i = f.clipCount() - 1; i >= 0; i--) {
                ClipGroup g = f.readClip(i);
                assertEquals(i, g.clip().clipIndex(), "readClip(" + i + ") returned another clip");
                assertEquals(i, f.clipForFrame(f.firstFrame(i)), "clipForFrame(firstFrame(" + i + "))");
                random.add(0, describe(g));
            }
        } catch (M3cFormatException e) {
            if (sequential != null) {
                throw new AssertionError("random access rejects a stream the streaming reader accepts: "
                        + e.getMessage(), e);
            }
            return;
        }
        if (sequential != null) assertEquals(sequential, random, "random access and a sequential read disagree");
    }

    /** The clip groups of a sequential read, or null when the streaming reader rejects the input. */
    private static List<String> sequentialClips(byte[] data) throws IOException {
        List<String> out = new ArrayList<>();
        try (M3cReader r = M3cReader.open(new ByteArrayInputStream(data), ReaderFuzzTest.NAME)) {
            ClipGroup g;
            while ((g = r.nextClip()) != null) out.add(describe(g));
            r.readToEnd();
            return out;
        } catch (M3cFormatException e) {
            return null;
        }
    }

    /** A clip group as the lines clause 10 gives its elements. */
    private static String describe(ClipGroup g) {
        StringBuilder sb = new StringBuilder();
        DecodedSyntax.append(sb, g.clip());
        DecodedSyntax.append(sb, g.keyframe());
        g.texts().forEach(t -> DecodedSyntax.append(sb, t));
        if (g.trailingKeyframe() != null) DecodedSyntax.append(sb, g.trailingKeyframe());
        return sb.append("offset=").append(g.offset()).toString();
    }
}
