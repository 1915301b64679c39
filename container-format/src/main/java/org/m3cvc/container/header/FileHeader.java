package org.m3cvc.container.header;

import java.util.Arrays;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.Requirement;
import org.m3cvc.container.bits.BitReader;
import org.m3cvc.container.bits.BitWriter;
import org.m3cvc.container.chunk.Crc32c;

/**
 * file_header (spec clause 5.1): 16 bytes at offset 0.
 *
 * @param formatVersion format_version: the version the writer followed
 * @param readVersion read_version: the oldest reader version that can read the stream (as EBML DocTypeReadVersion)
 * @param fileFlags file_flags: reserved, 0 in this version
 */
public record FileHeader(int formatVersion, int readVersion, int fileFlags) {
    public static final byte[] FILE_SIGNATURE = {(byte) 0x89, 'M', '3', 'C', 0x0D, 0x0A, 0x1A, 0x0A};
    public static final int SIZE_BYTES = 16;
    /** The format version this library writes and the read version it implements. */
    public static final int VERSION = 1;

    public static FileHeader current() { return new FileHeader(VERSION, VERSION, 0); }

    /** Reads and checks FH-1..FH-5 from exactly {@link #SIZE_BYTES} bytes. */
    public static FileHeader read(BitReader r) throws M3cFormatException {
        long at = r.bitPosition();
        byte[] sig = r.bytes(8, "file_signature");
        if (!Arrays.equals(sig, FILE_SIGNATURE)) {
            throw r.errorAt(at, "file_signature", Requirement.FH_1, "89 4D 33 43 0D 0A 1A 0A (an .m3c file)", hex(sig));
        }
        int formatVersion = r.u8("format_version");
        long readAt = r.bitPosition();
        int readVersion = r.u8("read_version");
        long flagsAt = r.bitPosition();
        int flags = (int) r.u(16, "file_flags");
        long crcAt = r.bitPosition();
        long crc = r.u(32, "file_header_crc");
        byte[] covered = new BitWriter().bytes(sig).u8(formatVersion).u8(readVersion).u(16, flags).toByteArray();
        long computed = Crc32c.of(covered);
        if (crc != computed) {
            throw r.errorAt(crcAt, "file_header_crc", Requirement.FH_5, String.format("0x%08X", computed),
                    String.format("0x%08X", crc));
        }
        // The crc is checked first: a damaged version byte must read as damage, not as a newer format.
        if (readVersion < 1 || readVersion > formatVersion) {
            throw r.errorAt(readAt, "read_version", Requirement.FH_2, "1..format_version (" + formatVersion + ")",
                    readVersion);
        }
        if (readVersion > VERSION) {
            throw r.errorAt(readAt, "read_version", Requirement.FH_3, "at most " + VERSION + " (this reader)",
                    readVersion);
        }
        if (flags != 0) throw r.errorAt(flagsAt, "file_flags", Requirement.FH_4, "0", flags);
        return new FileHeader(formatVersion, readVersion, flags);
    }

    /** Writes the 16 bytes, computing file_header_crc. Values are written as given (no range check beyond fit). */
    public void write(BitWriter w) {
        byte[] covered = new BitWriter().bytes(FILE_SIGNATURE).u8(formatVersion).u8(readVersion).u(16, fileFlags)
                .toByteArray();
        w.bytes(covered).u(32, Crc32c.of(covered));
    }

    public byte[] toBytes() {
        BitWriter w = new BitWriter();
        write(w);
        return w.toByteArray();
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("%02X", x & 0xFF));
        }
        return sb.toString();
    }
}
