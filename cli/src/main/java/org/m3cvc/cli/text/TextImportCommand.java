package org.m3cvc.cli.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.Version;
import org.m3cvc.cli.common.Failure;
import org.m3cvc.cli.common.FailureException;
import org.m3cvc.cli.common.InputFileException;
import org.m3cvc.container.text.TextCoder;
import org.m3cvc.container.text.TextRewriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code m3cvc text import IN.m3c TEXTS.json -o OUT.m3c}. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Rewrites the texts of an .m3c stream from a texts file (the JSON of 'm3cvc text export', "
                + "edited): an entry with an id updates that text (\"text\": null removes it), an entry without one "
                + "adds a text, texts not named stay.",
                "Only text chunks change (and a clip_header whose text count changes, and the seek index); every "
                        + "other chunk is copied byte for byte. The output is checked in full before it replaces "
                        + "OUT.m3c: there is never a partial output."})
public final class TextImportCommand implements Callable<Integer> {
    /** A texts file larger than this is refused before it is read. */
    static final long MAX_TEXTS_FILE_BYTES = 64L << 20;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.m3c", description = "The stream.")
    Path input;

    @Parameters(index = "1", paramLabel = "TEXTS.json", description = "The texts file.")
    Path texts;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.m3c",
            description = "The new stream (may be IN.m3c itself).")
    Path output;

    @Option(names = "--text-coder", paramLabel = "CODER", description = "Re-code every text with ${COMPLETION-CANDIDATES} "
            + "(or raw where shorter) and make it the stream's text_coder (spec 6.3); the stream_header is then "
            + "rewritten too. Default: keep the stream's coder.")
    TextCoder textCoder;

    @Option(names = {"-q", "--quiet"}, description = "No summary line.")
    boolean quiet;

    @Override
    public Integer call() throws FailureException, InputFileException, IOException {
        String name = input.toString();
        String textsName = texts.toString();
        JsonNode root = readJson(texts, textsName);
        StreamTexts st;
        try {
            st = StreamTexts.read(input, name);
        } catch (IOException e) {
            throw new FailureException(Failure.of(name, e), e);
        }
        TextsJson.Plan plan = TextsJson.plan(root, st, textsName, name, textCoder);
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new IOException(output + ": no such directory " + dir);
        TextRewriter.Summary sum;
        try {
            sum = TextRewriter.rewrite(input, output, plan.replacements(), textCoder);
        } catch (org.m3cvc.container.M3cFormatException e) {
            // The input changed between the two reads, or is damaged: reported as any input fault.
            throw new FailureException(Failure.of(name, e), e);
        }
        if (!quiet) {
            spec.commandLine().getOut().printf("%s: %d texts changed, %d added, %d removed, %d unchanged; %d text "
                    + "chunks; %d -> %d bytes%n", output, plan.changed(), plan.added(), plan.removed(),
                    plan.unchanged(), sum.textChunks(), sum.bytesIn(), sum.bytesOut());
        }
        return ExitCodes.OK;
    }

    private static JsonNode readJson(Path file, String name) throws FailureException, InputFileException {
        try {
            if (Files.size(file) > MAX_TEXTS_FILE_BYTES) {
                throw new InputFileException(name, "(file)", "at most " + MAX_TEXTS_FILE_BYTES + " bytes",
                        Files.size(file) + " bytes");
            }
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return TextsJson.MAPPER.readTree(s);
        } catch (JacksonException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? "(file)" : "line " + l.getLineNr() + " column " + l.getColumnNr();
            throw new InputFileException(name, where, "JSON", e.getOriginalMessage().replaceAll("[\\r\\n]+", " "));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputFileException(name, "(file)", "UTF-8 text", "malformed bytes");
        } catch (IOException e) {
            throw new FailureException(Failure.of(name, e), e);
        }
    }
}
