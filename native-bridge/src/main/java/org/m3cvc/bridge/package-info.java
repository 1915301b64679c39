/**
 * The JavaCPP bridge between a patched FFmpeg and the Java codec: marshalling only, no codec logic. Empty until the
 * FFmpeg integration issue; the module exists so that the dependency direction (bridge to codec to container) is
 * fixed from the start.
 */
package org.m3cvc.bridge;
