package io.huvr.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark images made of the codec's two bundled photos (scikit-image's CC0 {@code coffee} and {@code chelsea}),
 * at their own resolution: larger images repeat a photo mirrored, so every pixel is photo content and every seam
 * is continuous.
 */
public final class BenchImages {
    private static final String[] PHOTOS = {"coffee.png", "chelsea.png"};
    private static final List<BufferedImage> LOADED = loadPhotos();

    private BenchImages() {
    }

    /** A {@code width x height} RGB image of the coffee photo, centred, mirrored outwards where it is too small. */
    public static BufferedImage photo(int width, int height) {
        return mirrored(LOADED.get(0), width, height, 0, 0);
    }

    /** {@code count} different {@code side x side} crops, taken in turn from both photos at shifting offsets. */
    public static List<BufferedImage> crops(int count, int side) {
        List<BufferedImage> crops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage source = LOADED.get(i % LOADED.size());
            int step = i / LOADED.size();
            crops.add(mirrored(source, side, side, step * 37, step * 23));
        }
        return crops;
    }

    /** A {@code "WIDTHxHEIGHT"} size as {@code {width, height}}. */
    public static int[] size(String widthByHeight) {
        String[] parts = widthByHeight.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    private static BufferedImage mirrored(BufferedImage source, int width, int height, int shiftX, int shiftY) {
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        int[] sourcePixels = source.getRGB(0, 0, sourceWidth, sourceHeight, null, 0, sourceWidth);
        // Centre the photo in the output; the shift moves the view across it.
        int originX = (sourceWidth - width) / 2 + shiftX;
        int originY = (sourceHeight - height) / 2 + shiftY;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            int sourceRow = mirror(originY + y, sourceHeight) * sourceWidth;
            for (int x = 0; x < width; x++) {
                row[x] = sourcePixels[sourceRow + mirror(originX + x, sourceWidth)];
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** Index {@code i} folded into {@code 0 .. n - 1} by reflecting at both ends, for any integer {@code i}. */
    private static int mirror(int i, int n) {
        int folded = Math.floorMod(i, 2 * n);
        return folded < n ? folded : 2 * n - 1 - folded;
    }

    private static List<BufferedImage> loadPhotos() {
        List<BufferedImage> photos = new ArrayList<>();
        for (String name : PHOTOS) {
            try (InputStream in = BenchImages.class.getResourceAsStream("/io/huvr/codec/samples/" + name)) {
                if (in == null) {
                    throw new IOException("sample photo " + name + " is not on the class path (huvr-codec's resources)");
                }
                photos.add(ImageIO.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return photos;
    }
}
