package org.m3cvc.codec.describe;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarDescriberTest {
    @TempDir Path dir;

    @Test
    void picksTheLatestEntryStartingAtOrBeforeATime() throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"language\":\"de\",\"descriptions\":[{\"start_seconds\":4.5,\"keyframe\":\"B\"},"
                + "{\"start_seconds\":0,\"keyframe\":\"A\",\"clip\":\"a\"}]}");
        SidecarDescriber d = SidecarDescriber.load(f);
        assertEquals("de", d.language());
        assertEquals("A", d.describeKeyframe(null, null, 0));
        assertEquals("A", d.describeKeyframe(null, null, 4.49));
        assertEquals("B", d.describeKeyframe(null, null, 4.5));
        assertEquals("a", d.describeClip("A", 1, 1));
        assertNull(d.describeClip("B", 5, 1), "entry B has no clip text");
    }

    @Test
    void errorsNameTheFileAndMember() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"descriptions\":[{\"start_seconds\":-1}]}");
        IOException e = assertThrows(IOException.class, () -> SidecarDescriber.load(f));
        assertTrue(e.getMessage().contains("bad.json: /descriptions/0/start_seconds"), e.getMessage());
        Files.writeString(f, "{\"language\":\"en_US\",\"descriptions\":[]}");
        assertTrue(assertThrows(IOException.class, () -> SidecarDescriber.load(f)).getMessage().contains("/language"));
        Files.writeString(f, "[1,2");
        assertTrue(assertThrows(IOException.class, () -> SidecarDescriber.load(f)).getMessage().contains("not JSON"));
    }
}
