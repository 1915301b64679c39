package org.m3cvc.bridge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The encoders and decoders the host holds, by handle: positive numbers, never reused in a process, so a stale or
 * forged handle is an error rather than somebody else's codec.
 */
final class Handles {
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final ConcurrentHashMap<Long, AutoCloseable> OPEN = new ConcurrentHashMap<>();

    private Handles() {}

    static long add(AutoCloseable codec) {
        long h = NEXT.getAndIncrement();
        OPEN.put(h, codec);
        return h;
    }

    static <T> T get(long handle, Class<T> type) throws BridgeException {
        AutoCloseable c = OPEN.get(handle);
        if (!type.isInstance(c)) {
            throw new BridgeException(ErrorCodes.INVALID_ARGUMENT, "no open " + type.getSimpleName() + " with handle "
                    + handle);
        }
        return type.cast(c);
    }

    static AutoCloseable remove(long handle) { return OPEN.remove(handle); }
}
