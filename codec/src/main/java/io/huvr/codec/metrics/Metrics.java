package io.huvr.codec.metrics;

/**
 * The four quality scores the project reports for a decoded image against its original.
 *
 * @param psnrRgb   PSNR in dB over all R, G, B samples; see {@link ImageMetrics#psnrRgb}
 * @param ssimRgb   SSIM averaged over R, G, B; see {@link ImageMetrics#ssimRgb}
 * @param ssimLuma  SSIM of BT.601 luma; see {@link ImageMetrics#ssimLuma}
 * @param msssimRgb 5-scale MS-SSIM averaged over R, G, B, NaN for small images; see {@link ImageMetrics#msssimRgb}
 */
public record Metrics(double psnrRgb, double ssimRgb, double ssimLuma, double msssimRgb) {
}
