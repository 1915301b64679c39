package org.m3cvc.conformance;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.codec.frame.CroppingSink;
import org.m3cvc.codec.runtime.Device;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pipeline.PackReconstruction;
import org.m3cvc.codec.pipeline.PacketDecoder;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;
import org.m3cvc.container.PacketMapping;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.chunk.ChunkWriter;
import org.m3cvc.container.header.FileHeader;

/**
 * Spec Annex C on the conformance suite: every valid stream cuts into extradata and one packet per clip that add up to
 * the file; the pixel streams decoded packet by packet ({@link PacketDecoder}, what FFmpeg's m3cvc decoder runs) give
 * the manifest's frame MD5s, from the first packet and after a seek to any packet.
 */
class PacketConformanceTest {
    @TempDir Path tmp;

    @Test
    void everyValidStreamCutsIntoExtradataAndOnePacketPerClip() throws Exception {
        int n = 0;
        for (SuiteFiles.Entry e : SuiteFiles.valid()) {
            byte[] file = Files.readAllBytes(e.path());
            PacketMapping m = PacketMapping.of(file, e.path().toString());
            long clipCount;
            long seekIndexBytes = 0;
            try (M3cReader r = M3cReader.open(Files.newInputStream(e.path()), e.path().toString())) {
                clipCount = r.streamHeader().clipCount();
                for (ChunkEvent ev; (ev = r.next()) != null; ) {
                    if (ev.raw().knownType() == ChunkType.SEEK_INDEX) seekIndexBytes = ev.raw().totalBytes();
                }
            }
            assertEquals(clipCount, m.packets().size(), e.path() + ": packets");
            assertEquals(ChunkType.STREAM_HEADER.code(), m.extradata()[0] & 0xFF, e.path() + ": extradata's first chunk");
            long total = FileHeader.SIZE_BYTES + m.extradata().length + seekIndexBytes
                    + ChunkWriter.frame(ChunkType.END_OF_STREAM.code(), new byte[0]).length;
            long frame = 0;
            for (PacketMapping.Packet p : m.packets()) {
                assertEquals(frame, p.firstFrame(), e.path() + ": packets continue the frame count");
                frame += p.frames();
                total += p.data().length;
                assertArrayEquals(java.util.Arrays.copyOfRange(file, (int) p.offset(), (int) p.offset() + p.data().length),
                        p.data(), e.path() + ": packet bytes are the stored clip group");
            }
            assertEquals(file.length, total, e.path() + ": extradata, seek index and packets add up to the file");
            n++;
        }
        assertTrue(n >= 20, "valid streams: " + n);
    }

    @Test
    void pixelStreamsDecodePacketByPacketAndAfterAnySeek() throws Exception {
        JsonNode m = new ObjectMapper().readTree(SuiteFiles.DIR.resolve("streams.json").toFile());
        int checked = 0;
        for (JsonNode e : m.get("streams")) {
            if (!e.has("frames_md5")) continue;
            Path stream = SuiteFiles.DIR.resolve(e.get("file").asText());
            String[] wh = e.get("test_pack").get("command").asText().replaceAll(".*--size ", "").split("x");
            ModelPack pack = new TestPackBuilder(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))
                    .write(tmp.resolve("pack-" + checked));
            List<String> expected = new ArrayList<>();
            e.get("frames_md5").forEach(x -> expected.add(x.asText()));
            PacketMapping pm = PacketMapping.of(Files.readAllBytes(stream), stream.toString());
            try (PackSessions sessions = PackSessions.open(pack, Device.CPU, 1)) {
                var sh = PacketDecoder.streamHeader(pm.extradata(), stream.toString());
                try (PackReconstruction net = new PackReconstruction(pack, sessions, sh, StageTimes.OFF)) {
                    PacketDecoder d = new PacketDecoder(pm.extradata(), stream.toString(), net.keyframes(), net.clips());
                    for (int start = 0; start < pm.packets().size(); start++) {
                        d.reset();
                        List<String> got = decodeFrom(d, pm, start, sh.displayWidth(), sh.displayHeight());
                        int first = (int) pm.packets().get(start).firstFrame();
                        assertEquals(expected.subList(first, expected.size()), got,
                                stream + ": frame MD5s decoding from packet " + start);
                    }
                    // A packet out of order without a flush is refused, naming the clip expected.
                    if (pm.packets().size() >= 3) {
                        d.reset();
                        d.send(pm.packets().get(0).data(), 0);
                        M3cFormatException x = assertThrows(M3cFormatException.class,
                                () -> d.send(pm.packets().get(2).data(), pm.packets().get(2).offset()));
                        assertTrue(x.getMessage().contains("clip 1 after clip 0"), x.getMessage());
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 2, "pixel streams checked: " + checked);
    }

    private static List<String> decodeFrom(PacketDecoder d, PacketMapping pm, int start, int w, int h)
            throws Exception {
        List<String> md5s = new ArrayList<>();
        for (int i = start; i <= pm.packets().size(); i++) {
            d.send(i < pm.packets().size() ? pm.packets().get(i).data() : null,
                    i < pm.packets().size() ? pm.packets().get(i).offset() : -1);
            for (PacketDecoder.Decoded f; (f = d.receive()) != null; ) {
                byte[] rgb = CroppingSink.topLeft(f.frame(), w, h).rgb();
                md5s.add(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(rgb)));
            }
        }
        return md5s;
    }
}
