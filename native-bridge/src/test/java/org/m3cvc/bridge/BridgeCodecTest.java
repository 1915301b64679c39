package org.m3cvc.bridge;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.m3cvc.cli.codec.DecodeCommand;
import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.codec.frame.FfmpegFrameSource;
import org.m3cvc.codec.frame.Frame;
import org.m3cvc.codec.frame.FrameSink;
import org.m3cvc.codec.frame.FrameSource;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.codec.pipeline.PacketDecoder;
import org.m3cvc.codec.testpack.TestPackBuilder;
import org.m3cvc.container.PacketMapping;

import picocli.CommandLine;

/**
 * The Java side of the bridge against {@code m3cvc encode}/{@code decode} on a real clip (OpenCV's Megamind sample,
 * from scripts/fetch-media) with the test pack: pictures pushed one by one give the stream the file encoder writes,
 * packet by packet; packets decode to the frames the file decoder gives; bad options, a foreign pack and a damaged
 * packet give the bridge's error codes with messages. (libm3cvcbridge.so itself is tested through FFmpeg:
 * native-bridge/ffmpeg/test.)
 */
class BridgeCodecTest {
    @TempDir static Path dir;
    static Path pack;
    static List<Frame> frames = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        String env = System.getenv("M3CVC_CACHE");
        Path cache = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "m3cvc");
        Path media = cache.resolve("media/Megamind.avi");
        if (!Files.isRegularFile(media)) {
            assertNotEquals("true", System.getenv("CI"), media + " missing: scripts/fetch-media provides it");
            Assumptions.abort(media + " missing: run scripts/fetch-media");
        }
        pack = dir.resolve("pack");
        new TestPackBuilder(64, 48).write(pack);
        try (FfmpegFrameSource src = FfmpegFrameSource.open(media, new VideoFormat(64, 48, 8, 1))) {
            for (Frame f; frames.size() < 40 && (f = src.next()) != null; ) frames.add(f);
        }
    }

    private static List<String> encodeArgs() {
        return List.of("--pack", pack.toString(), "--device", "cpu", "--threads", "1", "--threshold", "0.05");
    }

    @Test
    void pushedPicturesGiveTheFileEncodersStreamAndItsFrames() throws Exception {
        // The file encoder (m3cvc encode) on the same pictures.
        Path file = dir.resolve("cli.m3c");
        List<String> args = new ArrayList<>(encodeArgs());
        args.addAll(List.of("-o", file.toString(), "-q", "unused-input"));
        EncodeCommand enc = new EncodeCommand();
        new CommandLine(enc).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
        enc.encode(fmt -> listSource(fmt, frames));
        PacketMapping expected = PacketMapping.of(Files.readAllBytes(file), file.toString());
        assertTrue(expected.packets().size() >= 2, "a real clip with a low threshold has several clips");

        BridgeEncoder be = new BridgeEncoder(encodeArgs());
        try (be) {
            assertArrayEquals(new long[] {8, 1}, be.rate());
            for (Frame f : frames) {
                be.send(f.rgb(), 64, 48, 64 * 3, f.index(), 0, 1, 8, new long[] {1, 8});
            }
            assertNull(be.peek(), "no packet before the end of the input");
            be.finish();
            assertArrayEquals(expected.extradata(), be.extradata(), "extradata");
            for (PacketMapping.Packet p : expected.packets()) {
                PacketMapping.Packet q = be.take();
                assertNotNull(q, "packet at " + p.firstFrame());
                assertArrayEquals(p.data(), q.data(), "packet at frame " + p.firstFrame());
                assertEquals(p.firstFrame(), q.firstFrame());
                assertEquals(p.frames(), q.frames());
            }
            assertNull(be.take(), "no packet beyond the stream's");
        }

        // Packets through the bridge decoder give the file decoder's frames.
        List<String> fileMd5 = new ArrayList<>();
        DecodeCommand dec = new DecodeCommand();
        new CommandLine(dec).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(file.toString(), "-o", "unused.y4m",
                "--pack", pack.toString(), "--device", "cpu", "--threads", "1", "-q");
        dec.decode(fmt -> new FrameSink() {
            @Override public void write(Frame f) throws java.io.IOException { fileMd5.add(md5(f.rgb())); }
            @Override public void finish() {}
            @Override public void close() {}
        });
        List<String> packetMd5 = new ArrayList<>();
        int keyframes = 0;
        try (BridgeDecoder bd = new BridgeDecoder(List.of("--pack", pack.toString(), "--threads", "2"),
                expected.extradata())) {
            for (int i = 0; i <= expected.packets().size(); i++) {
                boolean end = i == expected.packets().size();
                bd.send(end ? null : expected.packets().get(i).data(), end ? -1 : expected.packets().get(i).offset());
                for (PacketDecoder.Decoded d; (d = bd.receive()) != null; ) {
                    assertEquals(packetMd5.size(), d.frame().index(), "frames in order");
                    packetMd5.add(md5(d.frame().rgb()));
                    if (d.keyframe()) keyframes++;
                }
            }
        }
        assertEquals(fileMd5, packetMd5, "frame MD5s: file decoder vs packet decoder with 2 threads");
        assertEquals(expected.packets().size(), keyframes, "one keyframe flag per clip");
    }

    /** --bpp: rate control's two passes, the second from the spool, give the file encoder's two-pass stream. */
    @Test
    void aRateTargetRunsBothPassesLikeTheFileEncoder() throws Exception {
        List<String> opts = List.of("--pack", pack.toString(), "--device", "cpu", "--threads", "1", "--bpp", "0.05");
        Path file = dir.resolve("cli-bpp.m3c");
        List<String> args = new ArrayList<>(opts);
        args.addAll(List.of("-o", file.toString(), "-q", "unused-input"));
        EncodeCommand enc = new EncodeCommand();
        new CommandLine(enc).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
        int[] opens = {0};
        enc.encode(fmt -> {
            opens[0]++;
            return listSource(fmt, frames);
        });
        assertEquals(2, opens[0], "the file encoder reads its input twice with --bpp");
        PacketMapping expected = PacketMapping.of(Files.readAllBytes(file), file.toString());
        BridgeEncoder be = new BridgeEncoder(opts);
        try (be) {
            for (Frame f : frames) be.send(f.rgb(), 64, 48, 64 * 3, f.index(), 0, 1, 8, new long[] {1, 8});
            be.finish();
            assertArrayEquals(expected.extradata(), be.extradata());
            for (PacketMapping.Packet p : expected.packets()) assertArrayEquals(p.data(), be.take().data());
            assertNull(be.take());
        }
        long bits = Files.size(file) * 8;
        assertTrue(bits <= 0.05 * 64 * 48 * frames.size(), "within the target: " + bits + " bits");
    }

    /** Two decoders on two threads at once (the ABI lets any thread call; handles are independent). */
    @Test
    void decodersOnTwoThreadsAtOnceGiveTheSameFrames() throws Exception {
        PacketMapping m = bridgeEncode(frames.subList(0, 24));
        java.util.concurrent.Callable<List<String>> job = () -> {
            List<String> md5s = new ArrayList<>();
            long h = Handles.add(new BridgeDecoder(List.of("--pack", pack.toString(), "--threads", "1"), m.extradata()));
            try {
                BridgeDecoder bd = Handles.get(h, BridgeDecoder.class);
                for (int i = 0; i <= m.packets().size(); i++) {
                    bd.send(i < m.packets().size() ? m.packets().get(i).data() : null, -1);
                    for (PacketDecoder.Decoded d; (d = bd.receive()) != null; ) md5s.add(md5(d.frame().rgb()));
                }
            } finally {
                Handles.remove(h).close();
            }
            return md5s;
        };
        List<String> alone = job.call();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(job);
            var b = pool.submit(job);
            assertEquals(alone, a.get());
            assertEquals(alone, b.get());
        } finally {
            pool.shutdown();
        }
        assertEquals(24, alone.size());
        assertThrows(BridgeException.class, () -> Handles.get(Long.MAX_VALUE, BridgeDecoder.class), "a handle never given");
    }

    @Test
    void optionsTheEncoderRefusesAreInvalidArguments() {
        List<String> args = new ArrayList<>(encodeArgs());
        args.addAll(List.of("--bpp", "-1"));
        Exception e = assertThrows(Exception.class, () -> new BridgeEncoder(args));
        assertEquals(ErrorCodes.INVALID_ARGUMENT, ErrorCodes.code(e));
        assertTrue(ErrorCodes.message(e).contains("--bpp"), ErrorCodes.message(e));
        Exception u = assertThrows(Exception.class, () -> new BridgeEncoder(List.of("--no-such-option")));
        assertEquals(ErrorCodes.INVALID_ARGUMENT, ErrorCodes.code(u));
        Exception p = assertThrows(Exception.class, () -> new BridgeEncoder(List.of("--pack", dir.resolve("none").toString())));
        assertEquals(ErrorCodes.PACK, ErrorCodes.code(p), ErrorCodes.message(p));
        assertTrue(ErrorCodes.message(p).contains("none"), ErrorCodes.message(p));
    }

    @Test
    void aForeignPackAndADamagedPacketAreReported() throws Exception {
        PacketMapping m = bridgeEncode(frames.subList(0, 12));
        Path other = dir.resolve("other-pack");
        new TestPackBuilder(128, 96).write(other); // another pack: another identity
        Exception x = assertThrows(Exception.class, () -> new BridgeDecoder(List.of("--pack", other.toString()),
                m.extradata()));
        assertEquals(ErrorCodes.PACK, ErrorCodes.code(x), ErrorCodes.message(x));
        assertTrue(ErrorCodes.message(x).contains("--force-pack"), ErrorCodes.message(x));

        Exception none = assertThrows(Exception.class, () -> new BridgeDecoder(List.of("--pack", pack.toString()),
                new byte[0]));
        assertEquals(ErrorCodes.INVALID_DATA, ErrorCodes.code(none), ErrorCodes.message(none));

        try (BridgeDecoder bd = new BridgeDecoder(List.of("--pack", pack.toString()), m.extradata())) {
            byte[] bad = m.packets().get(0).data().clone();
            bad[bad.length / 2] ^= 0x40;
            Exception d = assertThrows(Exception.class, () -> bd.send(bad, 1234));
            assertEquals(ErrorCodes.INVALID_DATA, ErrorCodes.code(d), ErrorCodes.message(d));
            assertTrue(ErrorCodes.message(d).contains("offset"), ErrorCodes.message(d));
        }
    }

    /** The extradata and packets of {@code pictures} through the bridge encoder with {@link #encodeArgs()}. */
    private static PacketMapping bridgeEncode(List<Frame> pictures) throws Exception {
        try (BridgeEncoder be = new BridgeEncoder(encodeArgs())) {
            for (Frame f : pictures) be.send(f.rgb(), 64, 48, 64 * 3, f.index(), 0, 1, 8, new long[] {1, 8});
            be.finish();
            List<PacketMapping.Packet> ps = new ArrayList<>();
            for (PacketMapping.Packet p; (p = be.take()) != null; ) ps.add(p);
            return new PacketMapping(be.extradata(), ps);
        }
    }

    private static FrameSource listSource(VideoFormat fmt, List<Frame> list) {
        return new FrameSource() {
            int next;
            @Override public VideoFormat format() { return fmt; }
            @Override public Frame next() { return next < list.size() ? list.get(next++) : null; }
            @Override public void close() {}
        };
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
