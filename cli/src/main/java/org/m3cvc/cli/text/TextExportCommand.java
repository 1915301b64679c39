package org.m3cvc.cli.text;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.FailureException;
import org.m3cvc.container.io.OutputFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code m3cvc text export IN.m3c [-o TEXTS.json]}. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Writes every text of an .m3c stream (keyframe and clip descriptions, other texts) as JSON, "
                + "each with its id, for editing and 'm3cvc text import'.",
                "Nothing is written unless the whole stream is valid."})
public final class TextExportCommand implements Callable<Integer> {
    private final PrintStream out;

    @Parameters(paramLabel = "IN.m3c", description = "The stream.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "TEXTS.json", description = "Where to write (default: standard output).")
    Path output;

    /** @param out standard output; not closed */
    public TextExportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws FailureException, IOException {
        String name = input.toString();
        StreamTexts st;
        try {
            st = StreamTexts.read(input, name);
        } catch (IOException e) {
            throw new FailureException(Failure.of(name, e), e);
        }
        Path fileName = input.getFileName();
        byte[] json = (TextsJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                TextsJson.export(st, fileName == null ? name : fileName.toString())) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (output == null) {
            out.write(json, 0, json.length);
            out.flush();
            return ExitCodes.OK;
        }
        Path target = output.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) throw new IOException(output + ": no such directory " + target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                os.write(json);
            }
            OutputFiles.makePublic(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return ExitCodes.OK;
    }
}
