package io.huvr.codec.imageio;

import io.huvr.codec.EncodeOptions;
import io.huvr.format.proto.EntropyCoder;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;

/**
 * Writes one image as a {@code .huvr} file with the shared model ({@link SharedCodec}), at the quality and
 * effort of a {@link HuvrImageWriteParam} (rANS entropy coding). Metadata is not written.
 */
public final class HuvrImageWriter extends ImageWriter {
    HuvrImageWriter(ImageWriterSpi spi) {
        super(spi);
    }

    @Override
    public ImageWriteParam getDefaultWriteParam() {
        return new HuvrImageWriteParam(getLocale());
    }

    @Override
    public IIOMetadata getDefaultStreamMetadata(ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata getDefaultImageMetadata(ImageTypeSpecifier imageType, ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata convertStreamMetadata(IIOMetadata inData, ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata convertImageMetadata(IIOMetadata inData, ImageTypeSpecifier imageType, ImageWriteParam param) {
        return null;
    }

    @Override
    public void write(IIOMetadata streamMetadata, IIOImage image, ImageWriteParam param) throws IOException {
        if (!(output instanceof ImageOutputStream out)) {
            throw new IllegalStateException("no output set");
        }
        if (image.hasRaster()) {
            // javax.imageio's contract for a writer whose canWriteRasters() is false (the default).
            throw new UnsupportedOperationException("the huvr writer needs a RenderedImage, not a Raster");
        }
        BufferedImage source = asBufferedImage(image.getRenderedImage());
        SharedCodec codec = SharedCodec.get();
        int points = codec.encoder.model().operatingPoints().size();
        int effort = param instanceof HuvrImageWriteParam huvrParam ? huvrParam.getEffort() : 0;
        EncodeOptions options = new EncodeOptions(HuvrImageWriteParam.quality(param, points), effort, EntropyCoder.RANS);
        processImageStarted(0);
        byte[] bitstream;
        try {
            bitstream = codec.encoder.encode(source, options);
        } catch (IllegalArgumentException e) {
            throw new IIOException("cannot encode the image as .huvr: " + e.getMessage(), e);
        }
        out.write(bitstream);
        out.flush();
        processImageComplete();
    }

    private static BufferedImage asBufferedImage(RenderedImage image) {
        if (image instanceof BufferedImage buffered) {
            return buffered;
        }
        return new BufferedImage(image.getColorModel(), image.copyData(null), image.getColorModel().isAlphaPremultiplied(),
                null);
    }
}
