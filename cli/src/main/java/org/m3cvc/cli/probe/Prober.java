package org.m3cvc.cli.probe;

import static org.m3cvc.cli.schema.ProbeSchema.ROOT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.InputFiles;
import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.header.StreamHeader;
import org.m3cvc.container.seek.SeekIndex;
import org.m3cvc.container.M3cReader;

/**
 * Probes one file in one streaming pass: the reader holds one chunk at a time and output is written as the chunks
 * arrive, so memory does not grow with the file. On a format or read error the output still holds every section
 * gathered so far, then an error section (ffprobe's {@code -show_error}); the document is always complete.
 */
public final class Prober {
    private final ProbeOptions options;

    public Prober(ProbeOptions options) {
        this.options = options;
    }

    /**
     * Writes the whole probe document for {@code file} to {@code w}.
     *
     * @return null when the stream is valid, else why reading stopped (also in the error section)
     * @throws IOException only when output cannot be written, or the --show-chunks spool cannot be created
     */
    public Failure probe(Path file, SectionWriter w) throws IOException {
        String name = InputFiles.displayName(file, options.bitexact());
        // The spool comes first: if it cannot be made, nothing has been printed.
        try (ChunkLog log = options.showChunks() ? ChunkLog.create(options.showData()) : null) {
            w.begin(ROOT);
            if (!options.bitexact()) SummarySections.program(w);
            Failure failure = null;
            long size = -1;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                failure = Failure.of(name, e);
            }
            SummarySections.input(w, name, size);
            ProbeSession session = new ProbeSession(w, options, log);
            if (failure == null) failure = read(file, name, session);
            else session.fail(failure);
            w.end(ROOT);
            w.finish();
            return failure;
        }
    }

    /** Input failures are caught around the reader calls alone, so that an output failure is never taken for one. */
    private static Failure read(Path file, String name, ProbeSession session) throws IOException {
        M3cReader r;
        try {
            r = M3cReader.open(InputFiles.open(file), name);
        } catch (IOException e) {
            return fail(session, Failure.of(name, e));
        } catch (RuntimeException e) {
            return fail(session, Failure.internal(name, e));
        }
        try (r) {
            session.fileHeader(r.fileHeader());
            while (true) {
                ChunkEvent e;
                try {
                    e = r.next();
                } catch (IOException x) {
                    return fail(session, Failure.of(name, x));
                } catch (RuntimeException x) {
                    return fail(session, Failure.internal(name, x));
                }
                if (e == null) break;
                session.on(e, e.syntax() instanceof StreamHeader ? seekIndexAhead(r) : r.seekIndex());
            }
        }
        session.finish();
        return null;
    }

    /**
     * The seek index that follows the stream header, if any; null also when that chunk is damaged, whose error the
     * next read reports after the header has been printed.
     */
    private static SeekIndex seekIndexAhead(M3cReader r) {
        try {
            ChunkEvent next = r.peek();
            return next != null && next.syntax() instanceof SeekIndex si ? si : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Failure fail(ProbeSession session, Failure f) throws IOException {
        session.fail(f);
        return f;
    }
}
