package org.m3cvc.bridge;

/** A failure with the bridge's error code (m3cvc_bridge.h) chosen by whoever knows its cause. */
final class BridgeException extends Exception {
    private final int code;

    BridgeException(int code, String message) {
        super(message);
        this.code = code;
    }

    int code() { return code; }
}
