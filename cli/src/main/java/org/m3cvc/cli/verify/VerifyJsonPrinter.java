package org.m3cvc.cli.verify;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import org.m3cvc.cli.common.Failure;

/**
 * A JSON array with one object per file and always the same keys: file, status, chunk_count, decoded_syntax_md5,
 * requirement, offset, bit, element, expected, found, message. Keys that do not apply are null.
 */
final class VerifyJsonPrinter implements VerifyPrinter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    private final OutputStream stream;
    private final JsonGenerator gen;

    VerifyJsonPrinter(OutputStream out) throws IOException {
        this.stream = out;
        this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        DefaultIndenter lines = new DefaultIndenter("  ", "\n");
        gen.setPrettyPrinter(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(lines).withArrayIndenter(lines));
        gen.writeStartArray();
    }

    @Override
    public void print(VerifyResult r) throws IOException {
        Failure f = r.failure();
        gen.writeStartObject();
        gen.writeStringField("file", r.file());
        gen.writeStringField("status", r.status());
        gen.writeNumberField("chunk_count", r.chunkCount());
        gen.writeStringField("decoded_syntax_md5", r.decodedSyntaxMd5());
        gen.writeStringField("requirement", f == null ? null : f.requirement());
        gen.writeFieldName("offset");
        if (f == null || f.offset() == null) gen.writeNull();
        else gen.writeNumber(f.offset());
        gen.writeFieldName("bit");
        if (f == null || f.bit() == null) gen.writeNull();
        else gen.writeNumber(f.bit());
        gen.writeStringField("element", f == null ? null : f.element());
        gen.writeStringField("expected", f == null ? null : f.expected());
        gen.writeStringField("found", f == null ? null : f.found());
        gen.writeStringField("message", f == null ? null : f.message());
        gen.writeEndObject();
        gen.flush();
    }

    @Override
    public void finish() throws IOException {
        gen.writeEndArray();
        gen.flush();
        stream.write('\n');
        stream.flush();
    }
}
