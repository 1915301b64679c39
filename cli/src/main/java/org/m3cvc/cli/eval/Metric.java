package org.m3cvc.cli.eval;

/** The quality metrics BD-rates and plots are made for. */
enum Metric {
    MSSSIM("msssim", "MS-SSIM (RGB)"),
    PSNR("psnr", "PSNR (RGB), dB");

    final String id;
    final String label;

    Metric(String id, String label) {
        this.id = id;
        this.label = label;
    }
}
