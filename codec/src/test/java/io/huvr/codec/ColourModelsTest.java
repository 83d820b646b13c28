package io.huvr.codec;

import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ImageHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grey, alpha, 16-bit and palette inputs through the built-in model, each a real photo file (see
 * photos/SOURCES.tsv): the colour model survives, alpha exactly, and the PSNR stays near the RGB photo's.
 */
class ColourModelsTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");
    /** ihc_200x190.png as RGB scores 23.25 dB at the default quality; its variants must stay close. */
    static final double MIN_PSNR = 22.5;

    private static HuvrEncoder encoder;
    private static HuvrDecoder decoder;

    @BeforeAll
    static void load() throws IOException {
        HuvrModel model = HuvrModel.loadDefault();
        encoder = new HuvrEncoder(model);
        decoder = new HuvrDecoder(model);
    }

    @Test
    void greyPngIsCodedAsGreyAndDecodesToOneChannel() throws IOException {
        BufferedImage grey = Images.read(PHOTOS.resolve("ihc_grey.png"));
        HuvrImage coded = roundTripHeader(grey, ColorModel.GREY);
        BufferedImage decoded = decoder.decode(coded);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, decoded.getType());
        assertGreyPsnr(grey, decoded);
    }

    @Test
    void rgbaKeepsItsAlphaLosslessly() throws IOException {
        BufferedImage rgba = Images.read(PHOTOS.resolve("ihc_rgba.png"));
        BufferedImage decoded = decoder.decode(roundTripHeader(rgba, ColorModel.RGBA));
        assertEquals(BufferedImage.TYPE_INT_ARGB, decoded.getType());
        ImagePlanes source = ImagePlanes.of(rgba);
        ImagePlanes result = ImagePlanes.of(decoded);
        assertArrayEquals(source.alpha(), result.alpha());
        double psnr = ImageMetrics.psnrRgb(source.rgb(), result.rgb());
        assertTrue(psnr > MIN_PSNR, "RGB PSNR " + psnr);
    }

    @Test
    void greyWithAlphaKeepsBoth() throws IOException {
        BufferedImage greyAlpha = Images.read(PHOTOS.resolve("ihc_grey_alpha.png"));
        BufferedImage decoded = decoder.decode(roundTripHeader(greyAlpha, ColorModel.GREY_ALPHA));
        assertEquals(2, decoded.getRaster().getNumBands());
        assertArrayEquals(ImagePlanes.of(greyAlpha).alpha(), ImagePlanes.of(decoded).alpha());
        assertGreyPsnr(greyAlpha, decoded);
    }

    @Test
    void sixteenBitPngKeepsEightBitsOfPrecision() throws IOException {
        BufferedImage sixteen = Images.read(PHOTOS.resolve("hubble_16bit.png"));
        assertEquals(16, sixteen.getColorModel().getComponentSize(0));
        BufferedImage eightBitCrop = Images.readRgb(PHOTOS.resolve("hubble_320x256.png")).getSubimage(80, 64, 160, 128);
        assertArrayEquals(rgbOf(eightBitCrop), rgbOf(sixteen), "the 16-bit file is the 8-bit crop x 257");
        HuvrImage coded = roundTripHeader(sixteen, ColorModel.RGB);
        assertEquals(8, coded.header().getBitDepth());
        double psnr = ImageMetrics.psnrRgb(rgbOf(sixteen), rgbOf(decoder.decode(coded)));
        assertTrue(psnr > MIN_PSNR, "PSNR " + psnr);
    }

    @Test
    void paletteGifIsExpandedToItsColours() throws IOException {
        BufferedImage palette = Images.read(PHOTOS.resolve("ihc_palette.gif"));
        assertEquals(BufferedImage.TYPE_BYTE_INDEXED, palette.getType());
        double paletteError = ImageMetrics.psnrRgb(Images.pixels(Images.readRgb(PHOTOS.resolve("ihc_200x190.png"))),
                rgbOf(palette));
        assertTrue(paletteError > 30, "the palette image is the photo in 200 colours: " + paletteError + " dB");
        BufferedImage decoded = decoder.decode(roundTripHeader(palette, ColorModel.RGB));
        double psnr = ImageMetrics.psnrRgb(rgbOf(palette), rgbOf(decoded));
        assertTrue(psnr > MIN_PSNR, "PSNR " + psnr);
    }

    @Test
    void aCorruptAlphaChunkIsAnIoException() throws IOException {
        HuvrImage coded = HuvrReader.read(encoder.encode(Images.read(PHOTOS.resolve("ihc_rgba.png")), EncodeOptions.defaults()));
        List<Chunk> chunks = new ArrayList<>(coded.tiles().stream().map(Chunk::tile).toList());
        chunks.add(Chunk.alpha(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3}));
        HuvrImage corrupt = HuvrReader.read(HuvrWriter.toBytes(coded.header(), chunks));
        IOException e = assertThrows(IOException.class, () -> decoder.decode(corrupt));
        assertTrue(e.getMessage().contains("ALPH"), e.getMessage());
    }

    private static HuvrImage roundTripHeader(BufferedImage image, ColorModel expected) throws IOException {
        HuvrImage coded = HuvrReader.read(encoder.encode(image, EncodeOptions.defaults()));
        ImageHeader header = coded.header();
        assertEquals(expected, header.getColorModel());
        assertEquals(image.getWidth(), header.getWidth());
        assertEquals(image.getHeight(), header.getHeight());
        return coded;
    }

    private static void assertGreyPsnr(BufferedImage original, BufferedImage decoded) {
        int[] a = ImagePlanes.of(original).rgb();
        int[] b = ImagePlanes.of(decoded).rgb();
        double psnr = ImageMetrics.psnrRgb(a, b);
        assertTrue(psnr > MIN_PSNR, "grey PSNR " + psnr);
    }

    private static int[] rgbOf(BufferedImage image) {
        return ImagePlanes.of(image).rgb();
    }
}
