package io.huvr.codec;

import io.huvr.codec.cli.HuvrCli;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.proto.ColorModel;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.InflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ICC profiles through the built-in model: ihc_adobergb.{png,jpg,tif} are ihc_200x190.png with an Adobe RGB
 * compatible profile embedded, unconverted (photos/SOURCES.tsv). Their samples are coded as they are, the
 * profile rides in the header, and the decoded PNG carries it again.
 */
class IccProfileTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");

    private static HuvrEncoder encoder;
    private static HuvrDecoder decoder;
    private static byte[] adobeRgb;
    private static int[] untaggedSamples;

    @BeforeAll
    static void load() throws IOException {
        HuvrModel model = HuvrModel.loadDefault();
        encoder = new HuvrEncoder(model);
        decoder = new HuvrDecoder(model);
        adobeRgb = Files.readAllBytes(PHOTOS.resolve("compatibleWithAdobeRGB1998.icc"));
        untaggedSamples = ImagePlanes.of(Images.read(PHOTOS.resolve("ihc_200x190.png"))).rgb();
    }

    @Test
    void pngTiffAndJpegProfilesAreKeptWithTheirSamplesUnconverted() throws IOException {
        // TwelveMonkeys' readers hand over Java's copy of the profile, whose CMM, platform and creator fields
        // Java's colour engine rewrites; the PNG path keeps the file's bytes
        byte[] javasCopy = ICC_Profile.getInstance(adobeRgb).getData();
        for (String file : new String[] {"ihc_adobergb.png", "ihc_adobergb.tif", "ihc_adobergb.jpg"}) {
            ImagePlanes planes = ImagePlanes.of(Images.read(PHOTOS.resolve(file)));
            assertArrayEquals(file.endsWith(".png") ? adobeRgb : javasCopy, planes.iccProfile(), file);
            assertEquals(ColorModel.RGB, planes.colorModel(), file);
            if (file.endsWith(".jpg")) {
                // lossy, but the samples are the PNG's, not the PNG's seen through Adobe RGB (which scores ~21 dB)
                double psnr = ImageMetrics.psnrRgb(untaggedSamples, planes.rgb());
                assertTrue(psnr > 35, file + ": " + psnr + " dB against the untagged samples");
            } else {
                assertArrayEquals(untaggedSamples, planes.rgb(), file);
            }
        }
    }

    @Test
    void aPalettePngIsExpandedToItsColoursInItsProfile() throws IOException {
        Path file = PHOTOS.resolve("ihc_adobergb_palette.png");
        ImagePlanes planes = ImagePlanes.of(Images.read(file));
        assertArrayEquals(adobeRgb, planes.iccProfile());
        int[] paletteColours = Arrays.stream(Images.pixels(ImageIO.read(file.toFile()))).map(p -> p & 0xFFFFFF).toArray();
        assertArrayEquals(paletteColours, planes.rgb());
    }

    @Test
    void theProfileGoesThroughTheBitstreamIntoTheDecodedPng() throws IOException {
        BufferedImage source = Images.read(PHOTOS.resolve("ihc_adobergb.png"));
        HuvrImage coded = HuvrReader.read(encoder.encode(source, EncodeOptions.defaults()));
        assertArrayEquals(adobeRgb, coded.header().getIccProfile().toByteArray());

        BufferedImage decoded = decoder.decode(coded);
        assertInstanceOf(ICC_ColorSpace.class, decoded.getColorModel().getColorSpace());
        assertArrayEquals(adobeRgb, ImagePlanes.of(decoded).iccProfile());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        Images.writePng(decoded, png);
        assertArrayEquals(adobeRgb, iccpChunkProfile(png.toByteArray()));

        double psnr = ImageMetrics.psnrRgb(untaggedSamples, ImagePlanes.of(Images.read(png.toByteArray())).rgb());
        assertTrue(psnr > ColourModelsTest.MIN_PSNR, "PSNR of the samples " + psnr);
    }

    @Test
    void theCommandLineWritesTheProfileIntoTheDecodedPng(@TempDir Path dir) throws IOException {
        Path huvr = dir.resolve("ihc.huvr");
        Path png = dir.resolve("ihc.png");
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        assertEquals(0, HuvrCli.run(new String[] {"encode", PHOTOS.resolve("ihc_adobergb.png").toString(), "-o",
                huvr.toString()}, out, new PrintWriter(err, true)), err.toString());
        assertEquals(0, HuvrCli.run(new String[] {"decode", huvr.toString(), "-o", png.toString()}, out,
                new PrintWriter(err, true)), err.toString());
        assertArrayEquals(adobeRgb, iccpChunkProfile(Files.readAllBytes(png)));
    }

    @Test
    void srgbInEffectAndCmykStoreNoProfile() throws IOException {
        assertEquals(0, ImagePlanes.of(Images.read(PHOTOS.resolve("ihc_200x190.png"))).iccProfile().length);
        ImagePlanes cmyk = ImagePlanes.of(Images.read(PHOTOS.resolve("ihc_cmyk.jpg")));
        assertEquals(0, cmyk.iccProfile().length, "CMYK is converted to sRGB");
        // a copy of sRGB's profile is not Java's sRGB object, but is sRGB all the same
        byte[] srgbCopy = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        assertEquals(0, ImagePlanes.of(imageIn(new ICC_ColorSpace(ICC_Profile.getInstance(srgbCopy)))).iccProfile().length);
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        assertArrayEquals(linear, ImagePlanes.of(imageIn(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB))).iccProfile(),
                "linear RGB has sRGB's primaries but not its tone curve");
    }

    @Test
    void aGreyProfileIsCarriedWithGreySamples() {
        // a copy of Java's linear grey: its own CS_GRAY object stands for sRGB-like grey (JDK readers use it so)
        byte[] linearGreyProfile = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        ColorSpace linearGrey = new ICC_ColorSpace(ICC_Profile.getInstance(linearGreyProfile));
        BufferedImage grey = imageIn(linearGrey);
        grey.getRaster().setSample(1, 2, 0, 200);
        ImagePlanes planes = ImagePlanes.of(grey);
        assertEquals(ColorModel.GREY, planes.colorModel());
        assertEquals(200 * 0x010101, planes.rgb()[2 * 4 + 1], "the sample as stored, not converted");
        assertTrue(planes.iccProfile().length > 0);
        ImagePlanes again = ImagePlanes.of(planes.toImage());
        assertArrayEquals(planes.iccProfile(), again.iccProfile());
        assertArrayEquals(planes.rgb(), again.rgb());
        assertEquals(0, ImagePlanes.of(imageIn(ColorSpace.getInstance(ColorSpace.CS_GRAY))).iccProfile().length);
    }

    @Test
    void anUnusableProfileInABitstreamIsLeftOff() throws IOException {
        HuvrImage coded = HuvrReader.read(encoder.encode(Images.read(PHOTOS.resolve("ihc_adobergb.png")),
                EncodeOptions.defaults()));
        byte[] notAProfile = Arrays.copyOf(adobeRgb, 100);
        HuvrImage broken = HuvrReader.read(HuvrWriter.toBytes(
                coded.header().toBuilder().setIccProfile(ByteString.copyFrom(notAProfile)).build(), coded.chunks()));
        BufferedImage decoded = decoder.decode(broken);
        assertEquals(BufferedImage.TYPE_INT_RGB, decoded.getType());
        assertArrayEquals(ImagePlanes.of(decoder.decode(coded)).rgb(), ImagePlanes.of(decoded).rgb(), "the pixels do not depend on it");
    }

    private static BufferedImage imageIn(ColorSpace space) {
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, model.createCompatibleWritableRaster(4, 4), false, null);
    }

    /** The profile of a PNG's iCCP chunk, read by walking the chunks: name, NUL, method byte, zlib data. */
    private static byte[] iccpChunkProfile(byte[] png) throws IOException {
        ByteBuffer chunks = ByteBuffer.wrap(png, 8, png.length - 8);
        while (chunks.remaining() >= 12) {
            int length = chunks.getInt();
            byte[] type = new byte[4];
            chunks.get(type);
            byte[] data = new byte[length];
            chunks.get(data);
            chunks.getInt();
            if ("iCCP".equals(new String(type, StandardCharsets.US_ASCII))) {
                int nul = 0;
                while (data[nul] != 0) {
                    nul++;
                }
                ByteArrayOutputStream profile = new ByteArrayOutputStream();
                try (InflaterOutputStream inflater = new InflaterOutputStream(profile)) {
                    inflater.write(data, nul + 2, data.length - nul - 2);
                }
                return profile.toByteArray();
            }
        }
        throw new AssertionError("no iCCP chunk");
    }
}
