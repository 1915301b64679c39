package org.m3cvc.container.chunk;

import java.util.zip.CRC32C;

/** CRC-32C (Castagnoli, reflected, init and xor-out 0xFFFFFFFF) as spec clause 5.3 defines it, on the JDK's implementation. */
public final class Crc32c {
    private Crc32c() {}

    public static long of(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return c.getValue();
    }

    public static long of(byte[]... parts) {
        CRC32C c = new CRC32C();
        for (byte[] p : parts) c.update(p, 0, p.length);
        return c.getValue();
    }
}
