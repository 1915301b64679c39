package org.m3cvc.container.text;

import static org.m3cvc.container.Limits.*;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.header.StreamHeader;

/**
 * text (spec clause 6.7): a description (the paper's D_i^F or D_i^C) or other text, coded by text_coder. Texts live
 * in chunks of their own so that a tool can rewrite one without touching the coded pictures.
 *
 * @param textRole text_role code; see {@link TextRole}
 * @param textCoder text_coder code; see {@link TextCoder}
 * @param textLanguage BCP 47 language tag, for example {@code en}
 * @param textSize text_size: bytes of the decoded UTF-8
 * @param textData text_data as stored (owned; do not modify)
 * @param text the decoded text
 */
public record TextChunk(int textRole, int textTarget, int textCoder, String textLanguage, int textSize,
                        byte[] textData, String text) {

    public TextRole textRoleEnum() { return TextRole.fromCode(textRole); }

    public TextCoder textCoderEnum() { return TextCoder.fromCode(textCoder); }

    /**
     * Codes {@code text} with {@code coder}, or raw where that is not longer (as TX-3 allows): the choice an encoder
     * should make for every text.
     */
    public static TextChunk shortest(TextRole role, int target, TextCoder coder, String language, String text) {
        TextChunk coded = of(role, target, coder, language, text);
        TextChunk raw = of(role, target, TextCoder.RAW, language, text);
        return raw.textData().length <= coded.textData().length ? raw : coded;
    }

    /** Codes {@code text} with {@code coder}. */
    public static TextChunk of(TextRole role, int target, TextCoder coder, String language, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] data = switch (coder) {
            case RAW -> utf8;
            case LZW -> Lzw.encode(utf8);
            case ORDER2 -> Order2.encode(utf8);
        };
        return new TextChunk(role.code(), target, coder.code(), language, utf8.length, data, text);
    }

    /**
     * Reads and decodes the payload; checks TX-1, TX-3..TX-7. Placement (TX-2, TX-8) is the stream's to check.
     */
    public static TextChunk read(BitReader r, StreamHeader sh) throws M3cFormatException {
        long at = r.bitPosition();
        int textRole = r.u8("text_role");
        if (TextRole.fromCode(textRole) == null) {
            throw r.errorAt(at, "text_role", Requirement.TX_1, "0..2", textRole);
        }
        int textTarget = (int) r.leb128("text_target", 0, MAX_CLIP_COUNT, Requirement.TX_2);
        at = r.bitPosition();
        int textCoder = r.u8("text_coder");
        if (textCoder != TextCoder.RAW.code() && textCoder != sh.textCoder()) {
            throw r.errorAt(at, "text_coder", Requirement.TX_3, "0 (raw) or stream_header text_coder "
                    + sh.textCoder(), textCoder);
        }
        at = r.bitPosition();
        String textLanguage = r.string("text_language", MAX_LANGUAGE_BYTES, Requirement.TX_4);
        if (!validLanguage(textLanguage)) {
            throw r.errorAt(at, "text_language", Requirement.TX_4, "a non-empty tag of [A-Za-z0-9-]",
                    org.m3cvc.container.DecodedSyntax.quote(textLanguage)); // escaped: stream bytes must not forge lines
        }
        int textSize = (int) r.leb128("text_size", 0, MAX_TEXT_SIZE, Requirement.TX_5);
        BitReader data = r.remainder(Requirement.TX_6);
        int dataFrom = (int) (data.bitPosition() >>> 3);
        long dataAt = data.bitPosition();
        byte[] utf8;
        TextCoder coder = TextCoder.fromCode(textCoder);
        if (coder == TextCoder.LZW) {
            utf8 = Lzw.decode(data, textSize);
        } else if (coder == TextCoder.ORDER2) {
            utf8 = Order2.decode(data, textSize);
        } else {
            if (data.bitsLeft() != 8L * textSize) {
                throw data.error("text_data", Requirement.TX_6, textSize + " bytes", (data.bitsLeft() >>> 3) + " bytes");
            }
            utf8 = data.bytes(textSize, "text_data");
        }
        byte[] textData = data.copyBytes(dataFrom, (int) (data.bitPosition() >>> 3));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw data.errorAt(dataAt, "text_data", Requirement.TX_7, "valid UTF-8 once decoded", "malformed bytes");
        }
        return new TextChunk(textRole, textTarget, textCoder, textLanguage, textSize, textData, text);
    }

    static boolean validLanguage(String tag) {
        if (tag.isEmpty() || tag.length() > MAX_LANGUAGE_BYTES) return false;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    public void write(BitWriter w) {
        w.u8(textRole).leb128(textTarget).u8(textCoder).string(textLanguage).leb128(textSize).bytes(textData);
    }

    public byte[] toPayload() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }
}
