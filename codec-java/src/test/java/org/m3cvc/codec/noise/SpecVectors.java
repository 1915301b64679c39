package org.m3cvc.codec.noise;

/** Test vectors printed in spec/m3c.md clause 8.5.3 (float bit patterns). */
final class SpecVectors {
    private SpecVectors() {}

    static final int[] SEED42_KEYFRAME0_BITS = {0x3F2DCA00, 0x40206980, 0xBF38CA00, 0xBE07E400};
}
