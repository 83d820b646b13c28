package io.huvr.pipeline;

/**
 * An image as the gateway serves it: its size, the stored bitstream's length, bits per pixel and the PSNR
 * (RGB, dB) of the decoded image against the published original.
 */
public record ServedImage(String id, int width, int height, long bitstreamBytes, double bitsPerPixel, double psnr) {
    @Override
    public String toString() {
        return String.format("%s  %dx%d  %d bytes  %.3f bpp  PSNR %.2f dB", id, width, height, bitstreamBytes,
                bitsPerPixel, psnr);
    }
}
