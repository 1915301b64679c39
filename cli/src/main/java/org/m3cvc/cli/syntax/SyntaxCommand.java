package org.m3cvc.cli.syntax;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.DecodedSyntaxDigest;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.FailureException;
import org.m3cvc.cli.common.InputFiles;
import org.m3cvc.container.ChunkEvent;
import org.m3cvc.container.DecodedSyntax;
import org.m3cvc.container.M3cReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code m3cvc syntax}: prints {@link DecodedSyntax#of} of a stream, or with {@code --md5} its MD5 (the conformance
 * point of spec clause 10). Output is all or nothing: a stream that fails a requirement prints nothing on standard
 * output, only the error line on standard error.
 */
@Command(name = "syntax", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Prints the canonical decoded-syntax serialization of an .m3c stream (spec clause 10): every "
                + "value a decoder acts on, in stream order.",
                "Nothing is printed unless the whole stream is valid."})
public final class SyntaxCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(paramLabel = "FILE", description = "The .m3c file.")
    private Path file;

    @Option(names = "--md5", description = "Print only the MD5 of the serialization, in lowercase hex.")
    private boolean md5;

    /** @param out where the serialization goes; not closed */
    public SyntaxCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws FailureException {
        String name = file.toString();
        String text;
        try (M3cReader r = M3cReader.open(InputFiles.open(file), name)) {
            // The serialization is built whole before anything is printed: no partial output.
            text = md5 ? md5Of(r) + "\n" : DecodedSyntax.of(r);
        } catch (IOException e) {
            throw new FailureException(Failure.of(name, e), e);
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        return ExitCodes.OK;
    }

    /** One pass, without holding the serialization: same value as {@link DecodedSyntax#md5(M3cReader)}. */
    private static String md5Of(M3cReader r) throws IOException {
        DecodedSyntaxDigest d = new DecodedSyntaxDigest();
        ChunkEvent e;
        while ((e = r.next()) != null) d.update(e.syntax());
        return d.hex();
    }
}
