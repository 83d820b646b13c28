package io.huvr.conformance;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.lite.Rendered;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;

/**
 * The reference (ND4J) decoder's output before rounding ({@link HuvrDecoder#render}), cropped to the
 * image and interleaved as the conformance suite compares it, with the header's colour model and the
 * alpha samples {@link HuvrDecoder} decodes.
 * The reference outputs of the vectors come from here; a test checks that rounding it gives
 * {@link HuvrDecoder}'s pixels exactly. It is meant for valid bitstreams: judging invalid ones is
 * {@link HuvrDecoder}'s job.
 */
public final class Nd4jDecoder {
    private final HuvrDecoder decoder;

    public Nd4jDecoder(HuvrModel model) {
        this.decoder = new HuvrDecoder(model);
    }

    /** Decodes a valid bitstream of this decoder's model to pre-rounding values. */
    public Rendered decode(byte[] bitstream) throws IOException {
        HuvrImage image = HuvrReader.read(bitstream);
        ImageHeader header = image.header();
        byte[] alpha = header.getAlphaCoding() == AlphaCoding.ALPHA_NONE ? null
                : ImagePlanes.of(decoder.decode(image)).alpha();
        return new Rendered(header.getWidth(), header.getHeight(),
                crop(decoder.render(image), header.getWidth(), header.getHeight()), header.getColorModel(), alpha);
    }

    private static float[] crop(INDArray rendered, int width, int height) {
        float[] data = rendered.dup('c').data().asFloat();
        int renderedHeight = (int) rendered.size(2);
        int renderedWidth = (int) rendered.size(3);
        int plane = renderedHeight * renderedWidth;
        float[] rgb = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = data[c * plane + y * renderedWidth + x];
                }
            }
        }
        return rgb;
    }
}
