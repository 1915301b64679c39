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
 * and the summary printed at the end. BD-rates are of every codec but x265 against x265, per clip and metric, and
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

    CsvTable frames() {
        CsvTable t = new CsvTable("clip", "codec", "point", "frame", "psnr", "msssim");
        for (PointResult r : results) {
            for (int i = 0; i < r.framePsnr().length; i++) {
                t.add(r.clip(), r.codec(), r.point(), i, CsvTable.fixed(r.framePsnr()[i], 4),
                        CsvTable.fixed(r.frameMsSsim()[i], 6));
            }
        }
        return t;
    }

    CsvTable points() {
        CsvTable t = new CsvTable("clip", "codec", "point", "frames", "bytes", "bpp", "psnr", "msssim", "encode_s",
                "decode_s", "command");
        for (PointResult r : results) {
            t.add(r.clip(), r.codec(), r.point(), r.frames(), r.bytes(), CsvTable.fixed(r.bpp(), 8),
                    CsvTable.fixed(r.psnr(), 4), CsvTable.fixed(r.msSsim(), 6), CsvTable.fixed(r.encodeSeconds(), 3),
                    CsvTable.fixed(r.decodeSeconds(), 3), r.command());
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

    List<BdRate.Point> curve(String clip, String codec, Metric metric) {
        List<BdRate.Point> c = new ArrayList<>();
        for (PointResult r : of(clip, codec)) c.add(r.rd(metric));
        return c;
    }

    RdPlot plot(String clip, Metric metric) {
        List<RdPlot.Series> s = new ArrayList<>();
        for (String codec : codecs) s.add(new RdPlot.Series(codec, curve(clip, codec, metric)));
        return new RdPlot(clip + ": rate-distortion, " + metric.id, metric.label, s);
    }

    /** Writes frames.csv, points.csv, bdrate.csv and rd_CLIP_METRIC.svg/.png into {@code dir}. */
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        frames().write(dir.resolve("frames.csv"));
        points().write(dir.resolve("points.csv"));
        bdRates().write(dir.resolve("bdrate.csv"));
        for (String clip : clips()) {
            for (Metric metric : Metric.values()) {
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
        out.flush();
    }
}
