package org.m3cvc.cli.eval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rate-distortion plot: bpp on a log axis against one quality metric, one line and marker shape per codec, a
 * legend, axis labels and a title. {@link #draw} lays it out on any {@link Canvas}; {@link #svg()} and {@link #png}
 * are the two outputs. Stateless once built.
 */
final class RdPlot {
    static final int WIDTH = 820;
    static final int HEIGHT = 520;
    private static final double LEFT = 80, RIGHT = 180, TOP = 46, BOTTOM = 62;
    private static final int[] COLOURS = {0xD62728, 0x1F77B4, 0x2CA02C, 0xFF7F0E, 0x9467BD, 0x8C564B};
    private static final int AXIS = 0x333333, GRID = 0xDDDDDD;

    /** One codec's curve; points are drawn in rate order. */
    record Series(String name, List<BdRate.Point> points) {}

    private final String title;
    private final String yLabel;
    private final List<Series> series;

    RdPlot(String title, String yLabel, List<Series> series) {
        this.title = title;
        this.yLabel = yLabel;
        this.series = List.copyOf(series);
    }

    byte[] svg() {
        SvgCanvas c = new SvgCanvas(WIDTH, HEIGHT);
        draw(c);
        return c.toBytes();
    }

    PngCanvas png() {
        PngCanvas c = new PngCanvas(WIDTH, HEIGHT);
        draw(c);
        return c;
    }

    void draw(Canvas c) {
        double minR = Double.POSITIVE_INFINITY, maxR = 0, minQ = Double.POSITIVE_INFINITY, maxQ = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (BdRate.Point p : s.points()) {
                minR = Math.min(minR, p.rate());
                maxR = Math.max(maxR, p.rate());
                minQ = Math.min(minQ, p.quality());
                maxQ = Math.max(maxQ, p.quality());
            }
        }
        if (maxR == 0) {
            minR = 0.001;
            maxR = 0.01;
            minQ = 0;
            maxQ = 1;
        }
        // Log axis padded by 5 % of its span (at least a quarter decade in all); linear axis padded likewise.
        double padX = Math.max(0.02, Math.max(0.05 * (Math.log10(maxR) - Math.log10(minR)),
                (0.25 - (Math.log10(maxR) - Math.log10(minR))) / 2));
        final double lx0 = Math.log10(minR) - padX, lx1 = Math.log10(maxR) + padX;
        double padY = Math.max(0.06 * (maxQ - minQ), 1e-3 * Math.max(1, Math.abs(maxQ)));
        double y0 = minQ - padY, y1 = maxQ + padY;
        double pw = WIDTH - LEFT - RIGHT, ph = HEIGHT - TOP - BOTTOM;
        java.util.function.DoubleUnaryOperator px = r -> LEFT + (Math.log10(r) - lx0) / (lx1 - lx0) * pw;
        java.util.function.DoubleUnaryOperator py = q -> TOP + (y1 - q) / (y1 - y0) * ph;

        c.rect(LEFT, TOP, pw, ph, AXIS, 0xFFFFFF);
        for (double t : logTicks(lx0, lx1)) {
            double x = px.applyAsDouble(t);
            c.line(x, TOP, x, TOP + ph, GRID, 1, true);
            c.line(x, TOP + ph, x, TOP + ph + 5, AXIS, 1, false);
            c.text(x, TOP + ph + 19, label(t), 12, Canvas.Anchor.MIDDLE, false, AXIS);
        }
        for (double t : linearTicks(y0, y1)) {
            double y = py.applyAsDouble(t);
            c.line(LEFT, y, LEFT + pw, y, GRID, 1, true);
            c.line(LEFT - 5, y, LEFT, y, AXIS, 1, false);
            c.text(LEFT - 8, y + 4, label(t), 12, Canvas.Anchor.END, false, AXIS);
        }
        c.text(LEFT + pw / 2, HEIGHT - 18, "bits per pixel (log scale)", 14, Canvas.Anchor.MIDDLE, false, AXIS);
        c.text(22, TOP + ph / 2, yLabel, 14, Canvas.Anchor.MIDDLE, true, AXIS);
        c.text(LEFT + pw / 2, 28, title, 16, Canvas.Anchor.MIDDLE, false, 0x000000);

        double ly = TOP + 10;
        c.rect(LEFT + pw + 14, ly, RIGHT - 24, 14 + 22.0 * series.size(), 0x999999, 0xFFFFFF);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int colour = COLOURS[i % COLOURS.length];
            Canvas.Marker marker = Canvas.Marker.values()[i % Canvas.Marker.values().length];
            List<BdRate.Point> pts = new ArrayList<>(s.points());
            pts.sort(Comparator.comparingDouble(BdRate.Point::rate));
            double[] xs = new double[pts.size()], ys = new double[pts.size()];
            for (int k = 0; k < pts.size(); k++) {
                xs[k] = px.applyAsDouble(pts.get(k).rate());
                ys[k] = py.applyAsDouble(pts.get(k).quality());
            }
            if (xs.length > 1) c.polyline(xs, ys, colour, 2);
            for (int k = 0; k < xs.length; k++) c.marker(xs[k], ys[k], marker, colour);
            double ey = ly + 18 + 22.0 * i;
            c.line(LEFT + pw + 24, ey, LEFT + pw + 52, ey, colour, 2, false);
            c.marker(LEFT + pw + 38, ey, marker, colour);
            c.text(LEFT + pw + 60, ey + 4, s.name(), 13, Canvas.Anchor.START, false, 0x000000);
        }
    }

    /** Rates to mark on a log axis spanning 10^lx0 .. 10^lx1: 1, 2, 5 per decade, or 1..9 when that gives too few. */
    static List<Double> logTicks(double lx0, double lx1) {
        List<Double> t = ticks(lx0, lx1, new int[] {1, 2, 5});
        return t.size() >= 3 ? t : ticks(lx0, lx1, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    }

    private static List<Double> ticks(double lx0, double lx1, int[] mantissas) {
        List<Double> t = new ArrayList<>();
        for (int e = (int) Math.floor(lx0); e <= (int) Math.ceil(lx1); e++) {
            for (int m : mantissas) {
                double v = new BigDecimal(m).scaleByPowerOfTen(e).doubleValue();
                double l = Math.log10(v);
                if (l >= lx0 && l <= lx1) t.add(v);
            }
        }
        return t;
    }

    /** 4 to 10 round values (steps of 1, 2 or 5 times a power of ten) within [a, b]. */
    static List<Double> linearTicks(double a, double b) {
        double span = b - a, raw = span / 6, p = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / p < 1.5 ? p : raw / p < 3.5 ? 2 * p : raw / p < 7.5 ? 5 * p : 10 * p;
        List<Double> t = new ArrayList<>();
        BigDecimal s = new BigDecimal(step).round(new java.math.MathContext(1));
        for (long k = (long) Math.ceil(a / step); k * step <= b + 1e-12 * Math.abs(b); k++) {
            t.add(s.multiply(BigDecimal.valueOf(k)).doubleValue());
        }
        return t;
    }

    /** Shortest plain decimal: 0.002, 0.01, 25, 0.75. */
    static String label(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }
}
