package io.huvr.codec.imageio;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.util.Locale;

/** Registers the {@code .huvr} writer with ImageIO (through {@code META-INF/services}). */
public final class HuvrImageWriterSpi extends ImageWriterSpi {
    public HuvrImageWriterSpi() {
        super(HuvrImageReaderSpi.VENDOR, HuvrImageReaderSpi.VERSION,
                new String[] {HuvrImageReaderSpi.FORMAT_NAME, HuvrImageReaderSpi.FORMAT_NAME.toUpperCase(Locale.ROOT)},
                new String[] {HuvrImageReaderSpi.SUFFIX}, new String[] {HuvrImageReaderSpi.MIME_TYPE},
                HuvrImageWriter.class.getName(), new Class<?>[] {ImageOutputStream.class},
                new String[] {HuvrImageReaderSpi.class.getName()}, false, null, null, null, null, false, null, null,
                null, null);
    }

    /** Any image ImageIO can draw: it is converted to the colour model the encoder codes. */
    @Override
    public boolean canEncodeImage(ImageTypeSpecifier type) {
        return true;
    }

    @Override
    public ImageWriter createWriterInstance(Object extension) {
        return new HuvrImageWriter(this);
    }

    @Override
    public String getDescription(Locale locale) {
        return "HUVR learned image codec writer";
    }
}
