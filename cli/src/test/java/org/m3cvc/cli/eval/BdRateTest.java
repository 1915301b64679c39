package org.m3cvc.cli.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.m3cvc.cli.eval.BdRate.Method;
import org.m3cvc.cli.eval.BdRate.Point;

/**
 * BD-rate against values computed independently with numpy 2.4.6 / scipy 1.17.1 by
 * {@code src/test/resources/org/m3cvc/cli/eval/bd_reference.py} (numpy.polyfit + polyint for the cubic fit,
 * scipy.interpolate.PchipInterpolator.integrate for the piecewise cubic one).
 */
class BdRateTest {
    static List<Point> curve(double[] rates, double[] qualities) {
        List<Point> p = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) p.add(new Point(rates[i], qualities[i]));
        return p;
    }

    static final List<Point> PSNR_ANCHOR = curve(new double[] {0.01, 0.02, 0.04, 0.08}, new double[] {30.1, 32.9, 35.2, 37.0});
    static final List<Point> PSNR_TEST = curve(new double[] {0.008, 0.015, 0.033, 0.07}, new double[] {30.5, 33.4, 35.9, 37.8});

    @Test
    void psnrCurvesMatchScipyAndNumpy() {
        assertEquals(-33.88678497528266, BdRate.compute(PSNR_ANCHOR, PSNR_TEST, Method.PCHIP).percent(), 1e-9);
        assertEquals(-34.029845345724965, BdRate.compute(PSNR_ANCHOR, PSNR_TEST, Method.CUBIC).percent(), 1e-9);
    }

    @Test
    void partialOverlapOfMsSsimCurves() {
        List<Point> a = curve(new double[] {0.004, 0.007, 0.012, 0.02, 0.035}, new double[] {0.61, 0.70, 0.78, 0.84, 0.89});
        List<Point> t = curve(new double[] {0.002, 0.003, 0.006, 0.011}, new double[] {0.55, 0.66, 0.74, 0.80});
        BdRate.Result r = BdRate.compute(a, t, Method.PCHIP);
        assertEquals(-37.780166750002365, r.percent(), 1e-9);
        assertEquals(0.61, r.qualityLow());
        assertEquals(0.80, r.qualityHigh());
        assertEquals(-38.09387573686166, BdRate.compute(a, t, Method.CUBIC).percent(), 1e-9);
    }

    @Test
    void pchipEndSlopeCasesOnThreePoints() {
        List<Point> a = curve(new double[] {1, 2, 8}, new double[] {10, 20, 22});
        List<Point> t = curve(new double[] {1.5, 3, 5}, new double[] {12, 19, 21});
        assertEquals(59.827446219816906, BdRate.compute(a, t, Method.PCHIP).percent(), 1e-9);
    }

    /** Worked by hand: half the rate at every quality is -50 % whatever the interpolation. */
    @Test
    void halfTheRateIsMinusFiftyPercent() {
        List<Point> half = new ArrayList<>();
        for (Point p : PSNR_ANCHOR) half.add(new Point(p.rate() / 2, p.quality()));
        for (Method m : Method.values()) assertEquals(-50, BdRate.compute(PSNR_ANCHOR, half, m).percent(), 1e-9, m.name());
        assertEquals(0, BdRate.compute(PSNR_ANCHOR, PSNR_ANCHOR, Method.PCHIP).percent(), 1e-12);
    }

    @Test
    void disjointQualitiesHaveNoOverlap() {
        List<Point> low = curve(new double[] {0.001, 0.002}, new double[] {0.5, 0.6});
        List<Point> high = curve(new double[] {0.01, 0.02}, new double[] {0.7, 0.8});
        BdRate.Result r = BdRate.compute(high, low, Method.PCHIP);
        assertFalse(r.defined());
        assertEquals("no overlap", r.note());
        assertTrue(Double.isNaN(r.qualityLow()) && Double.isNaN(r.qualityHigh()), r.toString());
    }

    @Test
    void cubicNeedsFourPointsOnTheFront() {
        BdRate.Result r = BdRate.compute(curve(new double[] {1, 2, 3}, new double[] {1, 2, 3}), PSNR_TEST, Method.CUBIC);
        assertFalse(r.defined());
        assertTrue(r.note().startsWith("too few points"), r.note());
    }

    /** A point that costs more for less quality is not on the front and does not bend the curve. */
    @Test
    void dominatedPointsLeaveTheFront() {
        List<Point> withBad = new ArrayList<>(PSNR_TEST);
        withBad.add(new Point(0.05, 31.0));
        withBad.add(new Point(0.015, 33.0));
        assertEquals(PSNR_TEST, BdRate.front(withBad));
        assertEquals(-33.88678497528266, BdRate.compute(PSNR_ANCHOR, withBad, Method.PCHIP).percent(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> BdRate.front(List.of(new Point(0, 30))));
    }
}
