package org.m3cvc.cli.eval;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The CSV table, the SVG and PNG plots, shell quoting and the sequence PSNR. */
class WritersTest {
    @TempDir Path dir;

    @Test
    void csvHasHeaderPlainDecimalsAndQuotesOnlyWhatNeedsIt() throws Exception {
        CsvTable t = new CsvTable("clip", "bpp", "psnr", "m3cvc_msssim_at_x265_lowest", "command");
        t.add("a", CsvTable.fixed(0.0001, 8), CsvTable.fixed(31.25, 4), true, "ffmpeg -x265-params keyint=8:info=0");
        t.add("b,c", CsvTable.fixed(Double.NaN, 8), CsvTable.fixed(2.5e-7, 2), null, "say \"hi\"");
        Path f = dir.resolve("t.csv");
        t.write(f);
        assertEquals("clip,bpp,psnr,m3cvc_msssim_at_x265_lowest,command\n"
                + "a,0.00010000,31.2500,true,ffmpeg -x265-params keyint=8:info=0\n"
                + "\"b,c\",,0.00,,\"say \"\"hi\"\"\"\n", Files.readString(f));
        assertThrows(IllegalArgumentException.class, () -> t.add("only one"));
        if (Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(f)), "readable by all, as the codec's outputs");
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file left behind");
        }
    }

    static RdPlot plot() {
        return new RdPlot("clip <1> & co", "MS-SSIM (RGB)", List.of(
                new RdPlot.Series("m3cvc", List.of(new BdRate.Point(0.002, 0.7), new BdRate.Point(0.001, 0.6))),
                new RdPlot.Series("x264", List.of(new BdRate.Point(0.01, 0.9), new BdRate.Point(0.02, 0.95))),
                new RdPlot.Series("x265", List.of())));
    }

    @Test
    void svgIsWellFormedWithAxesLegendAndEscapedTitle() throws Exception {
        byte[] svg = plot().svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = new String(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains(">clip &lt;1&gt; &amp; co</text>"), text);
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) words.add(texts.item(i).getTextContent());
        assertTrue(words.containsAll(List.of("m3cvc", "x264", "x265", "bits per pixel (log scale)", "MS-SSIM (RGB)",
                "0.001", "0.002", "0.01")), words.toString());
        // Two curves with two points each: two polylines and four markers (m3cvc circles, x264 squares).
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        assertEquals(2 + 1, doc.getElementsByTagName("circle").getLength(), "two points and the legend's marker");
    }

    @Test
    void pngIsAnImageOfThePlotSize() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plot().png().write(out);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(RdPlot.WIDTH, img.getWidth());
        assertEquals(RdPlot.HEIGHT, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "white background");
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFFFFFF) == 0xD62728) red++;
        }
        assertTrue(red > 50, "the first curve is drawn in its colour: " + red + " pixels");
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(List.of(0.001, 0.002, 0.005, 0.01), RdPlot.logTicks(Math.log10(0.0009), Math.log10(0.011)));
        assertEquals(List.of(0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95), RdPlot.linearTicks(0.55, 0.95));
        assertEquals(List.of(20.0, 22.0, 24.0, 26.0, 28.0, 30.0, 32.0, 34.0, 36.0), RdPlot.linearTicks(18.2, 36.9));
        assertEquals("0.002", RdPlot.label(0.002));
        assertEquals("30", RdPlot.label(30.0));
    }

    @Test
    void shellQuotingKeepsSafeWordsBare() throws Exception {
        assertEquals("a/b.y4m keyint=8:info=0 'it'\\''s' 'x y'",
                Shell.join(List.of("a/b.y4m", "keyint=8:info=0", "it's", "x y")));
    }

    @Test
    void sequencePsnrAveragesMseNotDecibels() {
        // MSE 1 and 100 (in units of 255²·10^-k): 40 dB and 20 dB average to 10·log10(1/50.5e-4) = 22.97 dB, not 30.
        assertEquals(-10 * Math.log10((1e-4 + 1e-2) / 2), Measured.sequencePsnr(new double[] {40, 20}), 1e-12);
        assertEquals(20, Measured.sequencePsnr(new double[] {20, 20}), 1e-12);
        // An exactly decoded frame (capped at 100 dB) counts as no error, not as 100 dB: 23.01 dB, not 60.
        assertEquals(20 + 10 * Math.log10(2), Measured.sequencePsnr(new double[] {20, 100}), 1e-6);
    }

    @Test
    void qualityAtRateIsLinearInLogRate() {
        List<BdRate.Point> c = List.of(new BdRate.Point(0.001, 0.5), new BdRate.Point(0.004, 0.7));
        assertEquals(0.6, EvalReport.atRate(c, 0.002), 1e-12, "0.002 is halfway in log-rate");
        assertEquals(0.7, EvalReport.atRate(c, 0.004), 1e-12);
        assertTrue(Double.isNaN(EvalReport.atRate(c, 0.005)));
        assertTrue(Double.isNaN(EvalReport.atRate(c, 0.0005)));
    }
}
