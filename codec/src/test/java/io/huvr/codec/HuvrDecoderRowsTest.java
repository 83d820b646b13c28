package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.filter.TileFilter;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.Rectangle;
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
 * Row-by-row decoding with the shipped model on real photos: the same output as rendering every tile in one
 * batch (up to ND4J's last-bit differences), regions equal to crops of the whole decode, tiles independent.
 */
class HuvrDecoderRowsTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");
    /** ND4J's results differ in the last bits with a row's place in a batch; a wrong tile differs by far more. */
    static final double FLOAT_TOLERANCE = 1e-5;

    private static HuvrModel model;
    private static HuvrDecoder decoder;
    private static BufferedImage photo;

    @BeforeAll
    static void load() throws IOException {
        model = HuvrModel.loadDefault();
        decoder = new HuvrDecoder(model);
        photo = Images.readRgb(PHOTOS.resolve("hubble_320x256.png"));
    }

    /** The photo resized to a size, coded at a middle quality. */
    static HuvrImage coded(BufferedImage image, int width, int height) throws IOException {
        return HuvrReader.read(new HuvrEncoder(model).encode(Images.resize(image, width, height),
                EncodeOptions.defaults().withQuality(3)));
    }

    @Test
    void rowsMatchEveryTileRenderedInOneBatch() throws IOException {
        // Multiples of the tile, not, wider than one render block (8 tiles), several tile rows tall, one pixel tall.
        int[][] sizes = {{320, 256}, {200, 190}, {700, 150}, {90, 330}, {130, 1}};
        for (int[] size : sizes) {
            HuvrImage image = coded(photo, size[0], size[1]);
            INDArray rows = decoder.render(image);
            INDArray whole = allTilesRender(image);
            assertArrayEquals(whole.shape(), rows.shape());
            double difference = rows.sub(whole).amaxNumber().doubleValue();
            assertTrue(difference < FLOAT_TOLERANCE, size[0] + "x" + size[1] + ": differs by " + difference);
            int[] pixels = Images.pixels(decoder.decode(image));
            int[] expected = Images.pixels(toPixels(whole, size[0], size[1]));
            assertTrue(maxSampleDifference(pixels, expected) <= 1, size[0] + "x" + size[1]);
        }
    }

    @Test
    void renderRoundsToTheDecodedPixels() throws IOException {
        HuvrImage image = coded(photo, 700, 150);
        assertArrayEquals(Images.pixels(toPixels(decoder.render(image), 700, 150)), Images.pixels(decoder.decode(image)));
    }

    @Test
    void aRegionIsTheSameCropOfTheWholeDecode() throws IOException {
        HuvrImage image = coded(photo, 700, 150);
        BufferedImage whole = decoder.decode(image);
        Rectangle[] regions = {
            new Rectangle(0, 0, 700, 150), new Rectangle(0, 0, 1, 1), new Rectangle(699, 149, 1, 1),
            new Rectangle(500, 60, 30, 20),   // across the border of render blocks (512) and tile rows (64)
            new Rectangle(64, 64, 64, 64), new Rectangle(63, 10, 2, 100), new Rectangle(300, 0, 256, 150),
        };
        for (Rectangle r : regions) {
            assertArrayEquals(Images.pixels(whole.getSubimage(r.x, r.y, r.width, r.height)),
                    Images.pixels(decoder.decodeRegion(image, r)), r.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(image, new Rectangle(690, 0, 20, 10)));
        assertThrows(IllegalArgumentException.class, () -> decoder.decodeRegion(image, new Rectangle(0, 0, 0, 10)));
    }

    @Test
    void aRegionOfAnImageWithAlphaAndAnOrientation() throws IOException {
        BufferedImage rgba = Images.read(PHOTOS.resolve("ihc_rgba.png"));
        HuvrImage coded = HuvrReader.read(new HuvrEncoder(model).encode(rgba, EncodeOptions.defaults()));
        List<Chunk> chunks = new ArrayList<>(coded.tiles().stream().map(Chunk::tile).toList());
        chunks.add(Chunk.alpha(coded.alpha().orElseThrow()));
        HuvrImage turned = HuvrReader.read(HuvrWriter.toBytes(coded.header().toBuilder().setOrientation(6).build(), chunks));
        BufferedImage whole = decoder.decode(turned);
        assertEquals(rgba.getHeight(), whole.getWidth());
        for (Rectangle r : new Rectangle[] {new Rectangle(3, 70, 100, 41), new Rectangle(0, 0, whole.getWidth(), 1)}) {
            BufferedImage region = decoder.decodeRegion(turned, r);
            assertTrue(region.getColorModel().hasAlpha());
            assertArrayEquals(whole.getRGB(r.x, r.y, r.width, r.height, null, 0, r.width),
                    region.getRGB(0, 0, r.width, r.height, null, 0, r.width), r.toString());
        }
    }

    /** Every tile synthesised in raster groups and rendered in one batch, assembled into the canvas. */
    private static INDArray allTilesRender(HuvrImage image) throws IOException {
        HuvrConfig config = model.config();
        TileGrid grid = new TileGrid(image.header().getWidth(), image.header().getHeight(), config.tileSize());
        int side = config.patchesPerSide() * config.gridPerPatch();
        int tile = config.tileSize();
        int tokens = 1 + config.patchesPerTile();
        INDArray features = Nd4j.create(DataType.FLOAT, grid.count(), config.inrOutWidth(), side, side);
        TileRows rows = new TileRows(model, image, config.gridPerPatch(), 0, 0, 1, 1, (rgb, x, y) -> { });
        for (int from = 0; from < grid.count(); from += TileRows.GROUP_TILES) {
            TileRows.Group group = new TileRows.Group(rows, from / TileRows.GROUP_TILES, from,
                    Math.min(TileRows.GROUP_TILES, grid.count() - from));
            float[] values = new float[group.count() * tokens * config.tokenDim()];
            rows.tokens(group, values, 0);
            features.get(NDArrayIndex.interval(from, from + group.count())).assign(
                    model.synthesize(Nd4j.create(values, new long[] {group.count(), tokens, config.tokenDim()}, 'c')));
        }
        INDArray rgb = model.render(features);
        INDArray canvas = Nd4j.create(DataType.FLOAT, 1, 3, (long) grid.tilesY() * tile, (long) grid.tilesX() * tile);
        for (int t = 0; t < grid.count(); t++) {
            int tx = t % grid.tilesX();
            int ty = t / grid.tilesX();
            canvas.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.interval(ty * tile, ty * tile + tile),
                    NDArrayIndex.interval(tx * tile, tx * tile + tile)).assign(rgb.get(NDArrayIndex.point(t)));
        }
        if (image.filter().isEmpty()) {
            return canvas;
        }
        // The reconstruction filter, on each tile's part inside the image (SPEC.md 2.5).
        TileFilter filter = TileFilter.of(image.filter().get());
        float[] planes = canvas.data().asFloat();
        int stride = (int) canvas.size(3);
        for (int t = 0; t < grid.count(); t++) {
            int x = t % grid.tilesX() * tile;
            int y = t / grid.tilesX() * tile;
            filter.apply(planes, 0, stride * (int) canvas.size(2), stride, x, y, Math.min(tile, grid.width() - x),
                    Math.min(tile, grid.height() - y));
        }
        return Nd4j.create(planes, canvas.shape(), 'c');
    }

    @Test
    void eachTileDecodesOnItsOwn() throws IOException {
        HuvrImage image = coded(photo, 192, 128);
        List<Chunk> chunks = new ArrayList<>(image.tiles().stream().map(Chunk::tile).toList());
        chunks.set(4, chunks.get(0));   // the middle tile of the lower row, replaced by the first tile's payload
        HuvrImage changed = HuvrReader.read(HuvrWriter.toBytes(image.header(), chunks));
        BufferedImage before = decoder.decode(image);
        BufferedImage after = decoder.decode(changed);
        for (int t = 0; t < 6; t++) {
            Rectangle r = new Rectangle(t % 3 * 64, t / 3 * 64, 64, 64);
            int[] a = Images.pixels(before.getSubimage(r.x, r.y, r.width, r.height));
            int[] b = Images.pixels(after.getSubimage(r.x, r.y, r.width, r.height));
            if (t == 4) {
                // Equal up to ND4J's last-bit dependence on a tile's place in a batch.
                assertTrue(maxSampleDifference(Images.pixels(after.getSubimage(0, 0, 64, 64)), b) <= 1,
                        "the moved tile decodes as at its first place");
            } else {
                assertArrayEquals(a, b, "tile " + t + " does not depend on its neighbour");
            }
        }
    }

    /** The top-left {@code width x height} of a rendered canvas as 8-bit RGB. */
    static BufferedImage toPixels(INDArray rendered, int width, int height) {
        float[] data = rendered.dup('c').data().asFloat();
        int canvasWidth = (int) rendered.size(3);
        int plane = (int) rendered.size(2) * canvasWidth;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = y * canvasWidth + x;
                out.setRGB(x, y, Images.toSample(data[o]) << 16 | Images.toSample(data[o + plane]) << 8
                        | Images.toSample(data[o + 2 * plane]));
            }
        }
        return out;
    }

    static int maxSampleDifference(int[] a, int[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs((a[i] >> shift & 0xFF) - (b[i] >> shift & 0xFF)));
            }
        }
        return max;
    }
}
