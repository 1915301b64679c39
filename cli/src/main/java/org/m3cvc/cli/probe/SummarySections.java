package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.ProbeSchema.BIT_ACCOUNTING;
import static org.m3cvc.cli.schema.ProbeSchema.CHUNK;
import static org.m3cvc.cli.schema.ProbeSchema.CHUNKS;
import static org.m3cvc.cli.schema.ProbeSchema.CHUNK_PAYLOAD;
import static org.m3cvc.cli.schema.ProbeSchema.DECODED_SYNTAX;
import static org.m3cvc.cli.schema.ProbeSchema.ERROR;
import static org.m3cvc.cli.schema.ProbeSchema.INPUT;
import static org.m3cvc.cli.schema.ProbeSchema.PROGRAM;

import java.io.IOException;
import java.util.HexFormat;

import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.cli.schema.SectionDef;
import org.m3cvc.container.chunk.ChunkType;
import org.m3cvc.container.header.FileHeader;
import org.m3cvc.container.header.StreamHeader;

/** The sections around the stream's own: program, input, chunks, bit accounting, decoded syntax, error. */
final class SummarySections {
    private SummarySections() {}

    static void program(SectionWriter w) throws IOException {
        w.begin(PROGRAM)
                .field("program_name", "m3cvc")
                .field("program_version", Version.get())
                .field("implemented_read_version", FileHeader.VERSION)
                .end(PROGRAM);
    }

    /** @param sizeBytes the file size, or -1 when it could not be read */
    static void input(SectionWriter w, String name, long sizeBytes) throws IOException {
        w.begin(INPUT).field("file_name", name);
        if (sizeBytes >= 0) w.field("file_size_bytes", sizeBytes);
        w.end(INPUT);
    }

    static void chunks(SectionWriter w, ChunkLog log, ProbeOptions o) throws IOException {
        w.begin(CHUNKS);
        log.forEach(e -> {
            w.begin(CHUNK)
                    .field("offset", e.offset())
                    .field("chunk_type", e.type())
                    .field("chunk_name", ChunkType.nameOf(e.type()))
                    .field("chunk_size", e.size())
                    .field("chunk_crc", HeaderSections.crcHex(e.crc()))
                    .field("crc_status", "ok")
                    .field("category", ChunkCategory.of(e.type()).label())
                    .field("chunk_bits", 8 * e.totalBytes());
            w.begin(CHUNK_PAYLOAD).field("size_bytes", e.size());
            if (o.showData()) w.field("hex", HexFormat.of().formatHex(e.payload()));
            w.end(CHUNK_PAYLOAD).end(CHUNK);
        });
        w.end(CHUNKS);
    }

    /** The category fields of {@code def} (clip bits or bit_accounting); index_bits only where declared. */
    static void categoryBits(SectionWriter w, SectionDef def, BitAccounting a) throws IOException {
        for (ChunkCategory c : ChunkCategory.values()) {
            String name = c.label() + "_bits";
            if (def.field(name) != null) w.field(name, a.bits(c));
        }
        w.field("total_bits", a.totalBits());
    }

    static void bitAccounting(SectionWriter w, BitAccounting a, StreamHeader sh) throws IOException {
        w.begin(BIT_ACCOUNTING);
        categoryBits(w, BIT_ACCOUNTING, a);
        // Each factor is at most 2^12, 2^12 and 2^24: the product fits a long.
        long pixels = (long) sh.displayWidth() * sh.displayHeight() * sh.frameCount();
        w.field("chunk_count", a.chunkCount()).ratio("bits_per_pixel", a.totalBits(), pixels).end(BIT_ACCOUNTING);
    }

    static void decodedSyntax(SectionWriter w, String md5) throws IOException {
        w.begin(DECODED_SYNTAX).field("decoded_syntax_md5", md5).end(DECODED_SYNTAX);
    }

    static void error(SectionWriter w, Failure f) throws IOException {
        w.begin(ERROR).field("file", f.file());
        if (f.isFormatError()) {
            w.field("offset", f.offset())
                    .field("bit", f.bit())
                    .field("element", f.element())
                    .field("expected", f.expected())
                    .field("found", f.found())
                    .field("requirement", f.requirement());
        }
        w.field("kind", f.kind().label()).field("message", f.message()).end(ERROR);
    }
}
