package org.m3cvc.cli.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bjøntegaard delta rate (VCEG-M33; piecewise cubic variant of JCTVC-L1100 / the AOM CTC): the average difference in
 * bit rate between two rate-quality curves at equal quality, in percent, negative when the test codec needs fewer
 * bits than the anchor.
 *
 * <p>Each curve is first reduced to its Pareto front (sorted by rate, a point is kept only when its quality is above
 * every cheaper point's), so that log-rate is a function of quality. Log10 of the rate is interpolated as a function
 * of quality, either by {@link Method#PCHIP} (monotone piecewise cubic Hermite, Fritsch–Carlson derivatives exactly as
 * scipy's {@code PchipInterpolator}, needs 2 points) or {@link Method#CUBIC} (least-squares cubic polynomial, the
 * original VCEG-M33 fit, needs 4 points), and both are integrated over the qualities both curves cover:
 * {@code BD = (10^((∫test − ∫anchor) / (hi − lo)) − 1) · 100}. Stateless.
 */
public final class BdRate {
    /** How log-rate is interpolated between the points. */
    public enum Method { PCHIP, CUBIC }

    /** One rate-quality point; rate in any unit (bpp here), as long as both curves use the same. */
    public record Point(double rate, double quality) {}

    /**
     * The outcome: {@code percent} and the quality range it covers when the curves overlap in quality, else NaN
     * (all three) with {@code note} saying why ("no overlap", "too few points ...").
     */
    public record Result(double percent, double qualityLow, double qualityHigh, int anchorPoints, int testPoints,
                         String note) {
        public boolean defined() { return !Double.isNaN(percent); }
    }

    private BdRate() {}

    /** The BD-rate of {@code test} against {@code anchor}; never throws for data, only for non-positive rates. */
    public static Result compute(List<Point> anchor, List<Point> test, Method method) {
        List<Point> a = front(anchor), t = front(test);
        int need = method == Method.CUBIC ? 4 : 2;
        if (a.size() < need || t.size() < need) {
            return new Result(Double.NaN, Double.NaN, Double.NaN, a.size(), t.size(),
                    "too few points (" + method.name().toLowerCase(java.util.Locale.ROOT) + " needs " + need
                            + " on each Pareto front, found " + a.size() + " and " + t.size() + ")");
        }
        double lo = Math.max(a.get(0).quality(), t.get(0).quality());
        double hi = Math.min(a.get(a.size() - 1).quality(), t.get(t.size() - 1).quality());
        if (!(lo < hi)) return new Result(Double.NaN, Double.NaN, Double.NaN, a.size(), t.size(), "no overlap");
        double ia = integral(a, lo, hi, method), it = integral(t, lo, hi, method);
        double avg = (it - ia) / (hi - lo);
        return new Result((Math.pow(10, avg) - 1) * 100, lo, hi, a.size(), t.size(), "");
    }

    /**
     * The Pareto front: points sorted by rate (then quality, descending), each kept only when its quality exceeds that
     * of every point kept before it.
     *
     * @throws IllegalArgumentException for a rate that is not positive and finite or a quality that is not finite
     */
    static List<Point> front(List<Point> points) {
        List<Point> sorted = new ArrayList<>(points);
        for (Point p : sorted) {
            if (!(p.rate() > 0) || Double.isInfinite(p.rate()) || !Double.isFinite(p.quality())) {
                throw new IllegalArgumentException("rate must be positive and quality finite: " + p);
            }
        }
        sorted.sort(Comparator.comparingDouble(Point::rate).thenComparing(Point::quality, Comparator.reverseOrder()));
        List<Point> out = new ArrayList<>();
        for (Point p : sorted) {
            if (out.isEmpty() || p.quality() > out.get(out.size() - 1).quality()) out.add(p);
        }
        return out;
    }

    /** ∫ log10(rate)(q) dq over [lo, hi] for a front (quality strictly increasing). */
    static double integral(List<Point> front, double lo, double hi, Method method) {
        int n = front.size();
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = front.get(i).quality();
            y[i] = Math.log10(front.get(i).rate());
        }
        return method == Method.PCHIP ? pchipIntegral(x, y, lo, hi) : cubicIntegral(x, y, lo, hi);
    }

    /** ∫ of the PCHIP interpolant of (x, y) over [lo, hi] ⊆ [x0, x(n-1)]. */
    static double pchipIntegral(double[] x, double[] y, double lo, double hi) {
        double[] d = pchipSlopes(x, y);
        double sum = 0;
        for (int k = 0; k + 1 < x.length; k++) {
            double a = Math.max(lo, x[k]), b = Math.min(hi, x[k + 1]);
            if (a >= b) continue;
            sum += hermiteIntegral(x[k], x[k + 1], y[k], y[k + 1], d[k], d[k + 1], a, b);
        }
        return sum;
    }

    /** Derivatives at the knots as scipy.interpolate.PchipInterpolator sets them (Fritsch–Butland, 3-point ends). */
    static double[] pchipSlopes(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1], m = new double[n - 1], d = new double[n];
        for (int k = 0; k < n - 1; k++) {
            h[k] = x[k + 1] - x[k];
            m[k] = (y[k + 1] - y[k]) / h[k];
        }
        if (n == 2) {
            d[0] = d[1] = m[0];
            return d;
        }
        for (int k = 1; k < n - 1; k++) {
            if (Math.signum(m[k - 1]) != Math.signum(m[k]) || m[k - 1] == 0 || m[k] == 0) {
                d[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1];
                d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k]);
            }
        }
        d[0] = edge(h[0], h[1], m[0], m[1]);
        d[n - 1] = edge(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        return d;
    }

    private static double edge(double h0, double h1, double m0, double m1) {
        double d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(m0)) return 0;
        if (Math.signum(m0) != Math.signum(m1) && Math.abs(d) > Math.abs(3 * m0)) return 3 * m0;
        return d;
    }

    /** ∫_a^b of the cubic Hermite segment on [x0, x1] with values y0, y1 and slopes d0, d1. */
    private static double hermiteIntegral(double x0, double x1, double y0, double y1, double d0, double d1,
                                          double a, double b) {
        double h = x1 - x0;
        // p(t) = y0 + d0·h·t + c2·t² + c3·t³ with t = (x − x0)/h.
        double c2 = 3 * (y1 - y0) - (2 * d0 + d1) * h;
        double c3 = 2 * (y0 - y1) + (d0 + d1) * h;
        double ta = (a - x0) / h, tb = (b - x0) / h;
        return h * (prim(y0, d0 * h, c2, c3, tb) - prim(y0, d0 * h, c2, c3, ta));
    }

    private static double prim(double c0, double c1, double c2, double c3, double t) {
        return t * (c0 + t * (c1 / 2 + t * (c2 / 3 + t * c3 / 4)));
    }

    /** ∫ over [lo, hi] of the least-squares cubic through (x, y) (numpy.polyfit(x, y, 3), then polyint). */
    static double cubicIntegral(double[] x, double[] y, double lo, double hi) {
        double[] c = polyfit3(x, y);
        return primPoly(c, hi) - primPoly(c, lo);
    }

    private static double primPoly(double[] c, double t) {
        return t * (c[0] + t * (c[1] / 2 + t * (c[2] / 3 + t * c[3] / 4)));
    }

    /**
     * Coefficients c0..c3 (ascending) of the least-squares cubic. x is centred and scaled first, and the 4x4 normal
     * equations are solved by Gaussian elimination with partial pivoting; the coefficients are then mapped back.
     */
    static double[] polyfit3(double[] x, double[] y) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double scale = 0;
        for (double v : x) scale = Math.max(scale, Math.abs(v - mean));
        if (scale == 0) throw new IllegalArgumentException("all qualities equal");
        double[][] a = new double[4][5];
        for (int i = 0; i < n; i++) {
            double u = (x[i] - mean) / scale;
            double[] p = {1, u, u * u, u * u * u};
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) a[r][c] += p[r] * p[c];
                a[r][4] += p[r] * y[i];
            }
        }
        for (int col = 0; col < 4; col++) {
            int piv = col;
            for (int r = col + 1; r < 4; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
            double[] tmp = a[col]; a[col] = a[piv]; a[piv] = tmp;
            if (a[col][col] == 0) throw new IllegalArgumentException("singular fit: fewer than 4 distinct qualities");
            for (int r = 0; r < 4; r++) {
                if (r == col) continue;
                double f = a[r][col] / a[col][col];
                for (int c = col; c < 5; c++) a[r][c] -= f * a[col][c];
            }
        }
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) b[i] = a[i][4] / a[i][i];
        // q(u) = Σ b_k u^k with u = (x − mean)/scale: expand into powers of x.
        double[] c = new double[4];
        double[][] binom = {{1}, {1, 1}, {1, 2, 1}, {1, 3, 3, 1}};
        for (int k = 0; k < 4; k++) {
            double s = b[k] / Math.pow(scale, k);
            for (int j = 0; j <= k; j++) c[j] += s * binom[k][j] * Math.pow(-mean, k - j);
        }
        return c;
    }
}
