package org.m3cvc.cli.probe;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.FailureException;
import org.m3cvc.cli.format.OutputFormat;
import org.m3cvc.cli.format.SectionWriter;
import org.m3cvc.cli.schema.ProbeSchema;
import org.m3cvc.cli.schema.SectionsSchema;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code m3cvc probe}: the structure, statistics and bit accounting of one stream. */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Prints the structure of an .m3c stream in one streaming pass: file and stream headers, seek "
                + "index, every clip group with its keyframe and texts, the trailing keyframe, bit accounting by "
                + "category and the decoded-syntax MD5.",
                "Fields named after syntax elements carry the names of spec/syntax.json; --sections lists all.",
                "On a format error the output holds everything read so far and an error section; the error line "
                + "also goes to standard error."})
public final class ProbeCommand implements Callable<Integer> {
    private final PrintStream out;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The .m3c file.")
    private Path file;

    @Option(names = "--of", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or csv (one row per section instance; see README). "
                    + "Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--show-chunks", description = "List every chunk: offset, type, size, CRC, category.")
    private boolean showChunks;

    @Option(names = "--show-bits", description = "Add each clip group's bit accounting.")
    private boolean showBits;

    @Option(names = "--show-planes", description = "Add each keyframe's decoded index plane and histogram.")
    private boolean showPlanes;

    @Option(names = "--show-data", description = "Add the bytes of plane_data, text_data and chunk_payload as hex.")
    private boolean showData;

    @Option(names = "--bitexact", description = "Leave out the tool version and print only the file's last path "
            + "component, so output is byte-identical across runs, machines and copies.")
    private boolean bitexact;

    @Option(names = "--sections", description = "Print every section and field probe can output, then exit.")
    private boolean sections;

    /** @param out where the document goes; not closed */
    public ProbeCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (sections) {
            if (file != null) throw new ParameterException(spec.commandLine(), "--sections takes no FILE");
            SectionsListing.write(new SectionWriter(format.formatter(out, SectionsSchema.ROOT), SectionsSchema.ROOT));
            return ExitCodes.OK;
        }
        if (file == null) throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        ProbeOptions options = new ProbeOptions(showChunks, showBits, showPlanes, showData, bitexact);
        Failure failure = new Prober(options).probe(file,
                new SectionWriter(format.formatter(out, ProbeSchema.ROOT), ProbeSchema.ROOT));
        if (failure != null) throw new FailureException(failure, null);
        return ExitCodes.OK;
    }
}
