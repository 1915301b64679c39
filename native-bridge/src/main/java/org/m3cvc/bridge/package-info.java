/**
 * The JavaCPP bridge between a patched FFmpeg and the Java codec: {@link org.m3cvc.bridge.NativeBridge} becomes
 * {@code libm3cvcbridge.so} with the C ABI of {@code ffmpeg/libavcodec/m3cvc_bridge.h}; {@link
 * org.m3cvc.bridge.BridgeEncoder} and {@link org.m3cvc.bridge.BridgeDecoder} drive {@code m3cvc encode} and the packet
 * decoder. Marshalling only: every codec decision stays in codec-java and cli.
 */
package org.m3cvc.bridge;
