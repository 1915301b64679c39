package org.m3cvc.cli.eval;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** SVG 1.1 written by hand: one element per call, coordinates with two decimals. */
final class SvgCanvas implements Canvas {
    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    private static String n(double v) { return String.format(Locale.ROOT, "%.2f", v); }

    private static String c(int rgb) { return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF); }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, int rgb, double w, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(c(rgb)).append("\" stroke-width=\"")
                .append(n(w)).append('"').append(dashed ? " stroke-dasharray=\"3,3\"" : "").append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, int rgb, double w) {
        body.append("<polyline fill=\"none\" stroke=\"").append(c(rgb)).append("\" stroke-width=\"").append(n(w))
                .append("\" points=\"");
        for (int i = 0; i < xs.length; i++) body.append(i > 0 ? " " : "").append(n(xs[i])).append(',').append(n(ys[i]));
        body.append("\"/>\n");
    }

    @Override
    public void marker(double x, double y, Marker shape, int rgb) {
        double r = 4;
        switch (shape) {
            case CIRCLE -> body.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"")
                    .append(n(r)).append("\" fill=\"").append(c(rgb)).append("\"/>\n");
            case SQUARE -> body.append("<rect x=\"").append(n(x - r)).append("\" y=\"").append(n(y - r))
                    .append("\" width=\"").append(n(2 * r)).append("\" height=\"").append(n(2 * r)).append("\" fill=\"")
                    .append(c(rgb)).append("\"/>\n");
            case TRIANGLE -> polygon(new double[] {x, x + r * 1.15, x - r * 1.15}, new double[] {y - r * 1.2, y + r, y + r}, rgb);
            case DIAMOND -> polygon(new double[] {x, x + r * 1.3, x, x - r * 1.3}, new double[] {y - r * 1.3, y, y + r * 1.3, y}, rgb);
            default -> throw new IllegalArgumentException(shape.name());
        }
    }

    private void polygon(double[] xs, double[] ys, int rgb) {
        body.append("<polygon fill=\"").append(c(rgb)).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) body.append(i > 0 ? " " : "").append(n(xs[i])).append(',').append(n(ys[i]));
        body.append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String s, double size, Anchor anchor, boolean vertical, int rgb) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor.name().toLowerCase(Locale.ROOT)).append("\" fill=\"")
                .append(c(rgb)).append('"');
        if (vertical) body.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        body.append('>').append(escape(s)).append("</text>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int stroke, int fill) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(c(fill)).append("\" stroke=\"")
                .append(c(stroke)).append("\"/>\n");
    }

    /** The whole document. */
    byte[] toBytes() {
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
                + body + "</svg>\n";
        return doc.getBytes(StandardCharsets.UTF_8);
    }
}
