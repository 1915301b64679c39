package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cFile;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.Requirement;

/** Every committed stream through the streaming reader and the random-access reader. */
class ReaderConformanceTest {

    static java.util.List<SuiteFiles.Entry> valid() { return SuiteFiles.valid(); }

    static java.util.List<SuiteFiles.Entry> invalid() { return SuiteFiles.invalid(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStreamDecodesToItsMd5(SuiteFiles.Entry e) throws IOException {
        try (M3cReader r = M3cReader.open(Files.newInputStream(e.path()), e.file())) {
            assertEquals(e.md5(), DecodedSyntax.md5(r), e.description());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStreamSupportsRandomAccessToEveryClip(SuiteFiles.Entry e) throws IOException {
        try (M3cFile f = M3cFile.open(e.path())) {
            for (int i = f.clipCount() - 1; i >= 0; i--) {
                assertEquals(i, f.readClip(i).clip().clipIndex());
                assertEquals(i, f.clipForFrame(f.firstFrame(i)));
            }
            assertEquals(f.streamHeader().clipCount(), f.clipCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidStreamBreaksItsRequirement(SuiteFiles.Entry e) throws IOException {
        M3cFormatException x = assertThrows(M3cFormatException.class, () -> {
            try (M3cReader r = M3cReader.open(Files.newInputStream(e.path()), e.file())) {
                r.readToEnd();
            }
        }, e.description());
        assertEquals(e.requirement(), x.requirement().id(), x.getMessage());
        assertTrue(x.getMessage().startsWith(e.file() + ": offset 0x"), x.getMessage());
        assertTrue(x.getMessage().contains("[" + e.requirement() + ", "), x.getMessage());
        assertEquals(x.kind() == Requirement.Kind.CORRUPTED ? 1 : 3, e.exitCode());
        String[] path = x.element().split("/");
        for (int i = 1; i < path.length; i++) {
            String name = path[i].replaceAll("\\[\\d+\\]$", "");
            assertTrue(SyntaxNames.ALL.contains(name) || name.matches("chunk_0x[0-9A-F]{2}"),
                    "element path " + x.element() + " uses a name that is not in syntax.json: " + name);
        }
    }

    @Test
    void suiteIsLargeEnoughAndBreaksEveryRequirement() {
        assertTrue(SuiteFiles.valid().size() >= 20, "valid streams: " + SuiteFiles.valid().size());
        assertTrue(SuiteFiles.invalid().size() >= 30, "invalid streams: " + SuiteFiles.invalid().size());
        Set<Requirement> broken = SuiteFiles.invalid().stream().map(e -> Requirement.fromId(e.requirement()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Requirement.class)));
        Set<Requirement> missing = EnumSet.allOf(Requirement.class);
        missing.removeAll(broken);
        assertEquals(Set.of(), missing, "requirements without an invalid stream");
    }
}
