package io.huvr.codec.imageio;

import io.huvr.codec.TinyModels;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ImageIO plugin with the built-in model on a real photo, found the way any Java application finds it. */
class HuvrImageIoTest {
    static final Path PHOTO = Path.of("src/test/resources/photos/ihc_200x190.png");
    /** The built-in model's PSNR on this photo at the default quality is 23.25 dB (shipped-model-bands.csv). */
    static final double MIN_DEFAULT_PSNR = 23.0;

    private static BufferedImage photo;
    private static byte[] huvrFile;

    @BeforeAll
    static void encodeOnce() throws IOException {
        photo = Images.readRgb(PHOTO);
        huvrFile = writeDefault(photo);
    }

    @Test
    void imageIoReadsAHuvrFileWithTheBuiltInModel(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ihc.huvr");
        Files.write(file, huvrFile);
        BufferedImage decoded = ImageIO.read(file.toFile());
        assertEquals(photo.getWidth(), decoded.getWidth());
        assertEquals(photo.getHeight(), decoded.getHeight());
        double psnr = ImageMetrics.psnrRgb(Images.pixels(photo), Images.pixels(decoded));
        assertTrue(psnr > MIN_DEFAULT_PSNR, "PSNR " + psnr);
    }

    @Test
    void greyAndAlphaImagesKeepTheirTypeThroughImageIo() throws IOException {
        BufferedImage grey = ImageIO.read(Path.of("src/test/resources/photos/ihc_grey.png").toFile());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(grey, "huvr", bytes);
        ImageReader reader = ImageIO.getImageReadersByFormatName("huvr").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            reader.setInput(in);
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, reader.getImageTypes(0).next().getBufferedImageType());
            BufferedImage decoded = reader.read(0);
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.getType());
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle(10, 20, 30, 40));
            param.setSourceSubsampling(2, 2, 0, 0);
            BufferedImage region = reader.read(0, param);
            assertEquals(15, region.getWidth());
            assertEquals(20, region.getHeight());
            assertEquals(decoded.getRaster().getSample(12, 22, 0), region.getRaster().getSample(1, 1, 0));
        } finally {
            reader.dispose();
        }
        BufferedImage rgba = ImageIO.read(Path.of("src/test/resources/photos/ihc_rgba.png").toFile());
        BufferedImage decodedRgba = read(writeDefault(rgba));
        assertEquals(BufferedImage.TYPE_INT_ARGB, decodedRgba.getType());
        assertEquals(rgba.getRGB(100, 95) >>> 24, decodedRgba.getRGB(100, 95) >>> 24);
    }

    @Test
    void threadsShareTheModelAndDecodeAlike() throws Exception {
        int[] expected = Images.pixels(read(huvrFile));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> Images.pixels(read(huvrFile))));
            }
            for (Future<int[]> result : results) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePluginIsRegisteredBySuffixAndMimeType() {
        assertTrue(ImageIO.getImageReadersBySuffix("huvr").next() instanceof HuvrImageReader);
        assertTrue(ImageIO.getImageReadersByMIMEType("image/x-huvr").next() instanceof HuvrImageReader);
        assertTrue(ImageIO.getImageWritersBySuffix("huvr").next() instanceof HuvrImageWriter);
        assertTrue(ImageIO.getImageWritersByMIMEType("image/x-huvr").next() instanceof HuvrImageWriter);
    }

    @Test
    void compressionQualityPicksTheOperatingPoint() throws IOException {
        int points = SharedCodec.get().encoder.model().operatingPoints().size();
        byte[] smallest = write(0f);
        byte[] best = write(1f);
        assertEquals(0, HuvrReader.read(smallest).header().getQuantization().getOperatingPoint());
        assertEquals(points - 1, HuvrReader.read(best).header().getQuantization().getOperatingPoint());
        assertEquals(3 - 1, HuvrReader.read(huvrFile).header().getQuantization().getOperatingPoint(), "default quality");
        assertTrue(smallest.length < huvrFile.length && huvrFile.length < best.length);
        double psnrSmallest = ImageMetrics.psnrRgb(Images.pixels(photo), Images.pixels(read(smallest)));
        double psnrBest = ImageMetrics.psnrRgb(Images.pixels(photo), Images.pixels(read(best)));
        assertTrue(psnrBest > psnrSmallest + 2, psnrSmallest + " dB at quality 0, " + psnrBest + " at 1");
    }

    @Test
    void canDecodeInputChecksTheHeaderWithoutConsumingTheStream() throws IOException {
        HuvrImageReaderSpi spi = new HuvrImageReaderSpi();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(huvrFile))) {
            assertTrue(spi.canDecodeInput(in));
            assertEquals(0, in.getStreamPosition());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(PHOTO))) {
            assertFalse(spi.canDecodeInput(in));
            assertEquals(0, in.getStreamPosition());
        }
        byte[] badHeaderCrc = huvrFile.clone();
        badHeaderCrc[14] ^= 1;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(badHeaderCrc))) {
            assertFalse(spi.canDecodeInput(in));
        }
    }

    @Test
    void corruptFilesGiveAnIioExceptionWithTheReason() throws IOException {
        byte[] truncated = Arrays.copyOf(huvrFile, huvrFile.length - 5);
        IIOException e = assertThrows(IIOException.class, () -> read(truncated));
        assertTrue(e.getMessage().startsWith("cannot decode the .huvr image: "), e.getMessage());
        byte[] flipped = huvrFile.clone();
        flipped[flipped.length - 1] ^= 0x40;
        assertThrows(IIOException.class, () -> read(flipped));
        assertNull(ImageIO.read(new ByteArrayInputStream(new byte[] {'H', 'U', 'V', 'R', 9})), "not a huvr file");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(new byte[] {'H', 'U'}))) {
            ImageReader reader = new HuvrImageReaderSpi().createReaderInstance(null);
            reader.setInput(in);
            assertThrows(IIOException.class, () -> reader.getWidth(0));
        }
    }

    @Test
    void theModelPropertyNamesAnotherModelFile(@TempDir Path dir) throws IOException {
        Path modelFile = dir.resolve("tiny.huvrm");
        Files.write(modelFile, TinyModels.file(7));
        HuvrModel tiny = SharedCodec.load(modelFile.toString());
        assertArrayEquals(TinyModels.load(7).sha256(), tiny.sha256());
        assertArrayEquals(HuvrModel.loadDefault().sha256(), SharedCodec.load(null).sha256());
    }

    private static byte[] write(float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("huvr");
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(photo, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] writeDefault(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "huvr", bytes));
        return bytes.toByteArray();
    }

    private static BufferedImage read(byte[] file) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(file));
    }
}
