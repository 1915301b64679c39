package org.m3cvc.cli.eval;

import java.util.List;

/** A codec taking part in an evaluation, with its rate points. */
interface Contender {
    /** The codec's name in CSVs and plots: m3cvc, x264, x265. */
    String name();

    /** Its rate points, cheapest first by intent (e.g. bpp0.001, crf51). */
    List<String> points();

    /** Encodes and decodes {@code clip} at {@code point} and measures the decode against the reference. */
    PointResult run(EvalClip clip, String point) throws Exception;
}
