package io.huvr.codec.imageio;

import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrReader;

import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.util.Locale;

/** Registers the {@code .huvr} reader with ImageIO (through {@code META-INF/services}). */
public final class HuvrImageReaderSpi extends ImageReaderSpi {
    static final String FORMAT_NAME = "huvr";
    static final String SUFFIX = "huvr";
    static final String MIME_TYPE = "image/x-huvr";
    static final String VENDOR = "huvr";
    static final String VERSION = "1.0";

    public HuvrImageReaderSpi() {
        super(VENDOR, VERSION, new String[] {FORMAT_NAME, FORMAT_NAME.toUpperCase(Locale.ROOT)},
                new String[] {SUFFIX}, new String[] {MIME_TYPE}, HuvrImageReader.class.getName(),
                new Class<?>[] {ImageInputStream.class}, new String[] {HuvrImageWriterSpi.class.getName()},
                false, null, null, null, null, false, null, null, null, null);
    }

    /** True when the stream starts with a valid {@code .huvr} prelude and header; the stream position is kept. */
    @Override
    public boolean canDecodeInput(Object source) throws IOException {
        if (!(source instanceof ImageInputStream in)) {
            return false;
        }
        in.mark();
        try {
            HuvrReader.readHeader(ImageStreams.asInputStream(in));
            return true;
        } catch (HuvrFormatException notHuvr) {
            return false;
        } finally {
            in.reset();
        }
    }

    @Override
    public ImageReader createReaderInstance(Object extension) {
        return new HuvrImageReader(this);
    }

    @Override
    public String getDescription(Locale locale) {
        return "HUVR learned image codec reader";
    }
}
