package org.m3cvc.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.m3cvc.cli.codec.EncodeCommand;
import org.m3cvc.codec.frame.VideoFormat;
import org.m3cvc.container.PacketMapping;

import picocli.CommandLine;

/**
 * An encoder driven by a host that pushes pictures: {@code m3cvc encode} itself (same options, same checks, same
 * stream for the same pictures) runs on a thread of its own, reading from a {@link PushedFrameSource}; at the end its
 * stream is cut into the extradata and one packet per clip group (spec Annex C). With {@code --bpp}, rate control's
 * analysis pass reads the pushed pictures and its encode pass reads them again from a spool file (coded size, raw:
 * 0.5 MB per 512x320 frame in the temporary directory); {@code --single-pass} avoids the spool and only prunes. The stream is known only once the
 * input has ended (keyframe selection and rate control look at all of it), so every packet comes after
 * {@link #finish()}.
 */
final class BridgeEncoder implements AutoCloseable {
    private final Path dir;
    private final Path out;
    private final CompletableFuture<VideoFormat> opened = new CompletableFuture<>();
    private final Thread thread;
    private volatile PushedFrameSource source;
    private volatile Throwable failure;
    private final Deque<PacketMapping.Packet> packets = new ArrayDeque<>();
    private byte[] extradata;
    private long[] rate;
    private boolean finished;

    /**
     * @param args options of {@code m3cvc encode} (no input, no -o)
     * @throws BridgeException for options {@code m3cvc encode} refuses, or a pack it cannot open
     */
    BridgeEncoder(List<String> args) throws Exception {
        dir = Files.createTempDirectory("m3cvc-bridge-");
        out = dir.resolve("stream.m3c");
        // --bpp without --single-pass: m3cvc encode analyses the whole input, then encodes it (two passes).
        boolean twoPass = args.stream().anyMatch(a -> a.equals("--bpp") || a.startsWith("--bpp="))
                && !args.contains("--single-pass");
        EncodeCommand cmd = new EncodeCommand();
        CommandLine cl = new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true); // as m3cvc itself
        List<String> all = new ArrayList<>(args);
        all.addAll(Arrays.asList("--quiet", "-o", out.toString(), "(ffmpeg input)"));
        try {
            cl.parseArgs(all.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            deleteDir();
            throw new BridgeException(ErrorCodes.INVALID_ARGUMENT, e.getMessage());
        }
        thread = new Thread(() -> {
            try {
                cmd.encode(fmt -> {
                    // Rate control's second pass (--bpp) reads the frames again: from the spool of the first.
                    if (source != null) return source.replay();
                    // Called on this thread: pushes fail instead of waiting once it has stopped.
                    PushedFrameSource s = new PushedFrameSource(fmt, Thread.currentThread()::isAlive,
                            twoPass ? dir.resolve("frames.spool") : null);
                    source = s;
                    opened.complete(fmt);
                    return s;
                });
            } catch (Throwable t) {
                failure = t;
                opened.completeExceptionally(t);
            }
        }, "m3cvc-bridge-encoder");
        thread.setDaemon(true);
        thread.start();
        try {
            // The options are checked and the pack opened before the first picture is asked for.
            VideoFormat fmt = opened.get();
            rate = new long[] {fmt.frameRateNum(), fmt.frameRateDen()};
        } catch (ExecutionException e) {
            thread.join();
            deleteDir();
            throw (Exception) (e.getCause() instanceof Exception x ? x : e);
        }
    }

    /** The coded frame rate, {num, den}. */
    long[] rate() { return rate.clone(); }

    /** One picture; see {@link PushedFrameSource#push}. */
    void send(byte[] rgb, int width, int height, int stride, long pts, long duration, long tbNum, long tbDen,
              long[] period) throws Exception {
        if (finished) throw new BridgeException(ErrorCodes.INVALID_ARGUMENT, "a frame after the end of the input");
        try {
            source.push(rgb, width, height, stride, pts, duration, tbNum, tbDen, period);
        } catch (IOException e) {
            throw failureOr(e);
        }
    }

    /** Ends the input, waits for the stream and cuts it into packets. */
    void finish() throws Exception {
        if (finished) return;
        finished = true;
        try {
            source.end();
        } catch (IOException e) {
            throw failureOr(e);
        }
        thread.join();
        if (failure != null) throw failureOr(null);
        try {
            split(Files.readAllBytes(out));
        } finally {
            deleteDir();
        }
    }

    /** The extradata: the stream_header chunk and any ancillary chunks before clip group 0 (not the seek index). */
    byte[] extradata() { return extradata; }

    /** The next packet, or null when all were taken (or before {@link #finish()}). */
    PacketMapping.Packet peek() { return packets.peek(); }

    PacketMapping.Packet take() { return packets.poll(); }

    private Exception failureOr(Exception e) {
        if (failure == null && e != null) return e;
        return failure instanceof Exception x ? x : new RuntimeException(failure);
    }

    private void split(byte[] stream) throws IOException {
        PacketMapping m = PacketMapping.of(stream, out.toString());
        extradata = m.extradata();
        packets.addAll(m.packets());
    }

    /** Removes the working directory with the stream or the writer's spool file in it. */
    private void deleteDir() {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) Files.deleteIfExists(p);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing the encode for.
        }
    }

    @Override
    public void close() {
        if (!finished && source != null) {
            // Closed without an end of input (the host gave up): stop the encoder, no stream.
            finished = true;
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteDir();
    }
}
