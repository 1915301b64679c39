package org.m3cvc.cli.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The outputs of an evaluation, built from its results: the per-frame, per-point and BD-rate tables, the R-D plots,
 * and the summary printed at the end. The lpips and clip_sim columns and plots are there only when some result has
 * them (the eval was given the model). BD-rates are of every codec but x265 against x265, per clip and metric, and
 * their mean over clips when every clip has one.
 */
final class EvalReport {
    static final String ANCHOR = "x265";

    private final List<PointResult> results;
    private final List<String> codecs;
    private final BdRate.Method method;

    EvalReport(List<PointResult> results, List<String> codecs, BdRate.Method method) {
        this.results = List.copyOf(results);
        this.codecs = List.copyOf(codecs);
        this.method = method;
    }

    List<String> clips() {
        Set<String> c = new LinkedHashSet<>();
        for (PointResult r : results) c.add(r.clip());
        return new ArrayList<>(c);
    }

    List<PointResult> of(String clip, String codec) {
        List<PointResult> l = new ArrayList<>();
        for (PointResult r : results) if (r.clip().equals(clip) && r.codec().equals(codec)) l.add(r);
        return l;
    }

    /** PSNR, MS-SSIM, then LPIPS and CLIP similarity where some result has them: the columns of both tables. */
    List<Metric> metrics() {
        List<Metric> l = new ArrayList<>(List.of(Metric.PSNR, Metric.MSSSIM));
        for (Metric m : List.of(Metric.LPIPS, Metric.CLIP_SIM)) {
            for (PointResult r : results) {
                if (r.frames(m) != null) {
                    l.add(m);
                    break;
                }
            }
        }
        return l;
    }

    CsvTable frames() {
        List<Metric> metrics = metrics();
        List<String> columns = new ArrayList<>(List.of("clip", "codec", "point", "frame"));
        for (Metric m : metrics) columns.add(m.id);
        CsvTable t = new CsvTable(columns.toArray(new String[0]));
        for (PointResult r : results) {
            for (int i = 0; i < r.framePsnr().length; i++) {
                List<Object> row = new ArrayList<>(List.of(r.clip(), r.codec(), r.point(), i));
                for (Metric m : metrics) {
                    double[] v = r.frames(m);
                    row.add(v == null ? null : CsvTable.fixed(v[i], m.places));
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    CsvTable points() {
        List<Metric> metrics = metrics();
        List<String> columns = new ArrayList<>(List.of("clip", "codec", "point", "frames", "bytes", "bpp"));
        for (Metric m : metrics) columns.add(m.id);
        columns.addAll(List.of("encode_s", "decode_s", "command"));
        CsvTable t = new CsvTable(columns.toArray(new String[0]));
        for (PointResult r : results) {
            List<Object> row = new ArrayList<>(List.of(r.clip(), r.codec(), r.point(), r.frames(), r.bytes(),
                    CsvTable.fixed(r.bpp(), 8)));
            for (Metric m : metrics) row.add(CsvTable.fixed(r.value(m), m.places));
            row.add(CsvTable.fixed(r.encodeSeconds(), 3));
            row.add(CsvTable.fixed(r.decodeSeconds(), 3));
            row.add(r.command());
            t.add(row.toArray());
        }
        return t;
    }

    /** One row per clip (then "mean"), codec, metric; bd_rate_percent empty with a note when undefined. */
    CsvTable bdRates() {
        CsvTable t = new CsvTable("clip", "codec", "anchor", "metric", "method", "bd_rate_percent", "quality_low",
                "quality_high", "anchor_points", "test_points", "note");
        if (!codecs.contains(ANCHOR)) return t;
        String m = method.name().toLowerCase(Locale.ROOT);
        for (String codec : codecs) {
            if (codec.equals(ANCHOR)) continue;
            for (Metric metric : Metric.values()) {
                if (!metric.bdRate) continue;
                double sum = 0;
                int defined = 0;
                List<String> clips = clips();
                for (String clip : clips) {
                    BdRate.Result r = BdRate.compute(curve(clip, ANCHOR, metric), curve(clip, codec, metric), method);
                    t.add(clip, codec, ANCHOR, metric.id, m, CsvTable.fixed(r.percent(), 2),
                            CsvTable.fixed(r.qualityLow(), 6), CsvTable.fixed(r.qualityHigh(), 6), r.anchorPoints(),
                            r.testPoints(), r.note());
                    if (r.defined()) {
                        sum += r.percent();
                        defined++;
                    }
                }
                if (clips.size() > 1) {
                    boolean all = defined == clips.size();
                    t.add("mean", codec, ANCHOR, metric.id, m, all ? CsvTable.fixed(sum / defined, 2) : null, null,
                            null, null, null, all ? "mean over " + defined + " clips"
                                    : "undefined on " + (clips.size() - defined) + " of " + clips.size() + " clips");
                }
            }
        }
        return t;
    }

    /**
     * The two targets per clip (issue 6): m3cvc's lowest rate at most half of x265's lowest, and m3cvc's
     * MS-SSIM at x265's lowest rate (linear in log-rate between m3cvc's neighbouring points; empty when that rate is
     * outside m3cvc's range) at least x265's there.
     */
    CsvTable targets() {
        CsvTable t = new CsvTable("clip", "x265_lowest_bpp", "x265_msssim", "m3cvc_lowest_bpp", "rate_ratio",
                "half_rate_met", "m3cvc_msssim_at_x265_lowest", "msssim_met", "note");
        if (!codecs.contains(ANCHOR) || !codecs.contains("m3cvc")) return t;
        for (String clip : clips()) {
            List<BdRate.Point> x = curve(clip, ANCHOR, Metric.MSSSIM), m = curve(clip, "m3cvc", Metric.MSSSIM);
            x.sort(java.util.Comparator.comparingDouble(BdRate.Point::rate));
            m.sort(java.util.Comparator.comparingDouble(BdRate.Point::rate));
            BdRate.Point xl = x.get(0);
            double ratio = m.get(0).rate() / xl.rate();
            double at = atRate(m, xl.rate());
            String note = Double.isNaN(at) ? "x265's lowest rate is outside m3cvc's range "
                    + m.get(0).rate() + ".." + m.get(m.size() - 1).rate() + " bpp" : "";
            t.add(clip, CsvTable.fixed(xl.rate(), 8), CsvTable.fixed(xl.quality(), 6), CsvTable.fixed(m.get(0).rate(), 8),
                    CsvTable.fixed(ratio, 4), ratio <= 0.5, CsvTable.fixed(at, 6),
                    Double.isNaN(at) ? null : at >= xl.quality(), note);
        }
        return t;
    }

    /** Quality at {@code rate} on a curve sorted by rate, linear in log-rate; NaN outside it. */
    static double atRate(List<BdRate.Point> sorted, double rate) {
        for (int i = 0; i + 1 < sorted.size(); i++) {
            BdRate.Point a = sorted.get(i), b = sorted.get(i + 1);
            if (rate >= a.rate() && rate <= b.rate()) {
                if (b.rate() == a.rate()) return Math.max(a.quality(), b.quality());
                double f = Math.log(rate / a.rate()) / Math.log(b.rate() / a.rate());
                return a.quality() + f * (b.quality() - a.quality());
            }
        }
        return sorted.size() == 1 && sorted.get(0).rate() == rate ? sorted.get(0).quality() : Double.NaN;
    }

    List<BdRate.Point> curve(String clip, String codec, Metric metric) {
        List<BdRate.Point> c = new ArrayList<>();
        for (PointResult r : of(clip, codec)) {
            // An undefined mean (CLIP similarity of all-zero embeddings) has no place on a curve.
            if (Double.isFinite(r.value(metric))) c.add(r.rd(metric));
        }
        return c;
    }

    RdPlot plot(String clip, Metric metric) {
        List<RdPlot.Series> s = new ArrayList<>();
        for (String codec : codecs) s.add(new RdPlot.Series(codec, curve(clip, codec, metric)));
        return new RdPlot(clip + ": rate-distortion, " + metric.id, metric.label, s);
    }

    /** Writes frames.csv, points.csv, bdrate.csv and rd_CLIP_METRIC.svg/.png (one per metric measured) into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        frames().write(dir.resolve("frames.csv"));
        points().write(dir.resolve("points.csv"));
        bdRates().write(dir.resolve("bdrate.csv"));
        CsvTable targets = targets();
        if (!targets.rows().isEmpty()) targets.write(dir.resolve("targets.csv"));
        for (String clip : clips()) {
            for (Metric metric : metrics()) {
                RdPlot p = plot(clip, metric);
                String base = "rd_" + clip + "_" + metric.id;
                byte[] svg = p.svg();
                Outputs.write(dir.resolve(base + ".svg"), o -> o.write(svg));
                PngCanvas png = p.png();
                Outputs.write(dir.resolve(base + ".png"), png::write);
            }
        }
    }

    /** A summary: each point, then the BD-rates. */
    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %-6s %-9s %9s %10s %9s %8s %8s %8s%n", "clip", "codec", "point", "bytes", "bpp",
                "psnr_db", "msssim", "enc_s", "dec_s");
        for (PointResult r : results) {
            out.printf(Locale.ROOT, "%-14s %-6s %-9s %9d %10.6f %9.3f %8.5f %8.2f %8.2f%n", r.clip(), r.codec(),
                    r.point(), r.bytes(), r.bpp(), r.psnr(), r.msSsim(), r.encodeSeconds(), r.decodeSeconds());
        }
        CsvTable bd = bdRates();
        if (!bd.rows().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "BD-rate against %s (%s):%n", ANCHOR, method.name().toLowerCase(Locale.ROOT));
            for (Object[] row : bd.rows()) {
                Object pct = row[5];
                out.printf(Locale.ROOT, "%-14s %-6s %-7s %s%n", row[0], row[1], row[3],
                        pct != null ? pct + " %" + (row[10].toString().isEmpty() ? "" : " (" + row[10] + ")")
                                : row[10]);
            }
        }
        CsvTable targets = targets();
        if (!targets.rows().isEmpty()) {
            out.println();
            out.println("Targets (issue 6): m3cvc's lowest rate <= half x265's; MS-SSIM at x265's lowest rate >= x265's:");
            for (Object[] row : targets.rows()) {
                out.printf(Locale.ROOT, "%-14s x265 lowest %s bpp (MS-SSIM %s); m3cvc lowest %s bpp = %s x (%s); "
                                + "m3cvc MS-SSIM there %s (%s)%n", row[0], row[1], row[2], row[3], row[4],
                        (Boolean) row[5] ? "met" : "not met", row[6] == null ? "n/a" : row[6],
                        row[7] == null ? row[8] : (Boolean) row[7] ? "met" : "not met");
            }
        }
        out.flush();
    }
}
