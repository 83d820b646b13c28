package io.huvr.format;

/**
 * Keys of the image header's {@code metadata} map that huvr's own tools write (SPEC.md, section 2.2,
 * "Metadata keys"). They are informative: a decoder never needs them, and any reader must tolerate their absence
 * or a value it cannot parse.
 */
public final class MetadataKeys {
    /**
     * PSNR in dB over R, G and B of the decoded image against the encoder's input, written by an encoder that
     * decoded its own bitstream: a decimal number with a dot, for example {@code 31.27}.
     */
    public static final String PSNR_RGB = "psnr_rgb";

    private MetadataKeys() {
    }
}
