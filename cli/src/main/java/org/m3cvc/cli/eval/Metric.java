package org.m3cvc.cli.eval;

/**
 * The quality metrics of an evaluation. PSNR and MS-SSIM are always measured and have BD-rates; LPIPS and CLIP
 * similarity only when their models are given, and get plots but no BD-rate (LPIPS falls as quality rises, and neither
 * is a metric BD-rate practice is defined for).
 *
 * @see PointResult#value(Metric)
 */
enum Metric {
    MSSSIM("msssim", "MS-SSIM (RGB)", true, 6),
    PSNR("psnr", "PSNR (RGB), dB", true, 4),
    LPIPS("lpips", "LPIPS (lower is better)", false, 6),
    CLIP_SIM("clip_sim", "CLIP similarity (cosine)", false, 6);

    /** Column and file-name id. */
    final String id;
    final String label;
    /** Whether BD-rates are computed for it. */
    final boolean bdRate;
    /** Decimal places in the CSVs. */
    final int places;

    Metric(String id, String label, boolean bdRate, int places) {
        this.id = id;
        this.label = label;
        this.bdRate = bdRate;
        this.places = places;
    }
}
