package io.huvr.kafka;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test inputs: small synthetic PNGs, each of its own size, and the codec module's real photos and samples. */
final class TestImages {
    private static final Path PHOTOS = Path.of("../codec/src/test/resources/photos");

    private TestImages() {
    }

    /** A PNG of {@code (40 + n) x (30 + n % 7)} pixels with a pattern that depends on n. */
    static byte[] png(int n) {
        BufferedImage image = new BufferedImage(40 + n, 30 + n % 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = (x * 5 + n * 37) & 0xff;
                int g = (y * 7 + n * 11) & 0xff;
                int b = ((x ^ y) * 3 + n * 53) & 0xff;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return encode(image, "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A sample photo shipped in the codec's jar ({@code chelsea.png} 451x300, {@code coffee.png} 600x400). */
    static byte[] sample(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/io/huvr/codec/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no codec sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo of the codec's test set, by file name. */
    static byte[] photo(String name) {
        try {
            return Files.readAllBytes(PHOTOS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
