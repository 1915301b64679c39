package org.m3cvc.cli.eval;

/**
 * What a plot draws with, in pixels from the top-left corner; colours are {@code 0xRRGGBB}. {@link SvgCanvas} and
 * {@link PngCanvas} implement it, so the SVG and the PNG of a plot come from the same drawing code.
 */
interface Canvas {
    enum Anchor { START, MIDDLE, END }

    enum Marker { CIRCLE, SQUARE, TRIANGLE, DIAMOND }

    void line(double x1, double y1, double x2, double y2, int rgb, double width, boolean dashed);

    void polyline(double[] xs, double[] ys, int rgb, double width);

    void marker(double x, double y, Marker shape, int rgb);

    /** Text with its baseline at y; rotated by -90 degrees about (x, y) when {@code vertical}. */
    void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, int rgb);

    void rect(double x, double y, double w, double h, int stroke, int fill);
}
