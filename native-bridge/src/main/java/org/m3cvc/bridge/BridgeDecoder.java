package org.m3cvc.bridge;

import java.util.List;

import org.m3cvc.cli.codec.PackOptions;
import org.m3cvc.codec.frame.CroppingSink;
import org.m3cvc.codec.pack.ModelPack;
import org.m3cvc.codec.pipeline.PackReconstruction;
import org.m3cvc.codec.pipeline.PacketDecoder;
import org.m3cvc.codec.pipeline.StageTimes;
import org.m3cvc.codec.runtime.PackSessions;
import org.m3cvc.container.header.StreamHeader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A decoder fed packets by a host (spec Annex C): the options of {@code m3cvc decode} that concern decoding (pack,
 * device, threads, force-pack), the stream header from the extradata, then {@link PacketDecoder}. Frames are the
 * display area of the coded frames, as {@code m3cvc decode} writes them.
 */
final class BridgeDecoder implements AutoCloseable {
    @Command(name = "decoder")
    static final class Options {
        @Mixin
        PackOptions pack;

        @Option(names = "--force-pack", description = "Decode with a pack other than the stream's.")
        boolean forcePack;
    }

    private final StreamHeader header;
    private final PackSessions sessions;
    private final PackReconstruction networks;
    private final PacketDecoder decoder;

    /** @param args options of {@code m3cvc decode} (--pack, --device, --threads, --force-pack) */
    BridgeDecoder(List<String> args, byte[] extradata) throws Exception {
        Options o = new Options();
        CommandLine cl = new CommandLine(o).setCaseInsensitiveEnumValuesAllowed(true); // as m3cvc itself
        try {
            cl.parseArgs(args.toArray(String[]::new));
            o.pack.checkThreads(cl.getCommandSpec());
        } catch (CommandLine.ParameterException e) {
            throw new BridgeException(ErrorCodes.INVALID_ARGUMENT, e.getMessage());
        }
        header = PacketDecoder.streamHeader(extradata, "m3cvc stream");
        ModelPack pack = o.pack.open(StageTimes.OFF);
        pack.checkStream(header, o.forcePack);
        sessions = o.pack.sessions(pack, StageTimes.OFF);
        try {
            networks = new PackReconstruction(pack, sessions, header, StageTimes.OFF);
            decoder = new PacketDecoder(extradata, "m3cvc stream", networks.keyframes(), networks.clips());
        } catch (Exception e) {
            sessions.close();
            throw e;
        }
    }

    StreamHeader header() { return header; }

    /** @param packet a clip group, or null at the end of the input */
    void send(byte[] packet, long pos) throws Exception { decoder.send(packet, pos); }

    /** The next frame's display area (packed RGB24) and flags, or null when the decoder needs a packet. */
    PacketDecoder.Decoded receive() throws Exception {
        PacketDecoder.Decoded d = decoder.receive();
        if (d == null) return null;
        return new PacketDecoder.Decoded(CroppingSink.topLeft(d.frame(), header.displayWidth(), header.displayHeight()),
                d.keyframe());
    }

    void reset() { decoder.reset(); }

    @Override
    public void close() throws Exception {
        try {
            networks.close();
        } finally {
            sessions.close();
        }
    }
}
