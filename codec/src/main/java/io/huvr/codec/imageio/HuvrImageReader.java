package io.huvr.codec.imageio;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.image.Orientation;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.ImageHeader;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code .huvr} files (one image each) with the shared model ({@link SharedCodec}). The header is
 * read on the first question about the image; the pixels only by {@link #read}, which decodes the image, or
 * only a read param's source region of it ({@link HuvrDecoder#decodeRegion}), in the header's colour model:
 * RGB, ARGB, grey or grey with alpha. A param's subsampling is applied to the decoded pixels.
 */
public final class HuvrImageReader extends ImageReader {
    private ImageHeader header;
    /** Where the file starts in the input stream. */
    private long start;

    HuvrImageReader(ImageReaderSpi spi) {
        super(spi);
    }

    @Override
    public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
        super.setInput(input, seekForwardOnly, ignoreMetadata);
        header = null;
        try {
            start = input instanceof ImageInputStream in ? in.getStreamPosition() : 0;
        } catch (IOException e) {
            throw new IllegalStateException("the input stream has no position", e);
        }
    }

    @Override
    public int getNumImages(boolean allowSearch) throws IOException {
        stream();
        return 1;
    }

    @Override
    public int getWidth(int imageIndex) throws IOException {
        return header(imageIndex).getWidth();
    }

    @Override
    public int getHeight(int imageIndex) throws IOException {
        return header(imageIndex).getHeight();
    }

    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
        ImageTypeSpecifier type = switch (header(imageIndex).getColorModel()) {
            case GREY -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY);
            case GREY_ALPHA -> ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false);
            case RGBA -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_ARGB);
            default -> ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB);
        };
        return List.of(type).iterator();
    }

    @Override
    public IIOMetadata getStreamMetadata() {
        return null;
    }

    @Override
    public IIOMetadata getImageMetadata(int imageIndex) throws IOException {
        header(imageIndex);
        return null;
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        header(imageIndex);
        ImageInputStream in = stream();
        in.seek(start);
        HuvrImage image;
        BufferedImage decoded;
        try {
            image = HuvrReader.read(ImageStreams.asInputStream(in));
            processImageStarted(imageIndex);
            Rectangle region = sourceRegion(image.header(), param);
            decoded = region == null ? SharedCodec.get().decoder.decode(image)
                    : SharedCodec.get().decoder.decodeRegion(image, region);
        } catch (IIOException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IIOException("cannot decode the .huvr image: " + e.getMessage(), e);
        }
        BufferedImage result = param == null ? decoded : subsample(decoded, param);
        processImageComplete();
        return result;
    }

    /** The param's source region within the decoded (upright) image, or null for the whole image. */
    private static Rectangle sourceRegion(ImageHeader header, ImageReadParam param) {
        if (param == null || param.getSourceRegion() == null) {
            return null;
        }
        Rectangle whole = Orientation.swapsSides(header.getOrientation()) ? new Rectangle(header.getHeight(), header.getWidth())
                : new Rectangle(header.getWidth(), header.getHeight());
        Rectangle region = whole.intersection(param.getSourceRegion());
        return region.equals(whole) ? null : region;
    }

    private static BufferedImage subsample(BufferedImage decoded, ImageReadParam param) {
        int stepX = param.getSourceXSubsampling();
        int stepY = param.getSourceYSubsampling();
        if (stepX == 1 && stepY == 1) {
            return decoded;
        }
        int width = (decoded.getWidth() + stepX - 1) / stepX;
        int height = (decoded.getHeight() + stepY - 1) / stepY;
        BufferedImage out = new BufferedImage(decoded.getColorModel(),
                decoded.getColorModel().createCompatibleWritableRaster(width, height), false, null);
        Object pixel = null;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixel = decoded.getRaster().getDataElements(x * stepX, y * stepY, pixel);
                out.getRaster().setDataElements(x, y, pixel);
            }
        }
        return out;
    }

    private ImageInputStream stream() {
        if (!(input instanceof ImageInputStream in)) {
            throw new IllegalStateException("no input set");
        }
        return in;
    }

    private ImageHeader header(int imageIndex) throws IOException {
        if (imageIndex != 0) {
            throw new IndexOutOfBoundsException("a .huvr file holds one image; index " + imageIndex);
        }
        if (header == null) {
            ImageInputStream in = stream();
            in.seek(start);
            try {
                header = HuvrReader.readHeader(ImageStreams.asInputStream(in));
            } catch (IOException e) {
                throw new IIOException("invalid .huvr header: " + e.getMessage(), e);
            }
        }
        return header;
    }
}
