package io.huvr.codec;

import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.filter.TileFilter;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One image's decoding, one tile row at a time, of the tile rows and render blocks that cover a rectangle
 * of its canvas (the image padded to whole tiles, at {@code cellsPerPatch} cells per patch side).
 *
 * <p>ND4J's results depend in the last bits on where a row sits in a batch, so every tile is computed in
 * a layout that does not depend on the rectangle: tiles are synthesised in <em>groups</em> of
 * {@link #GROUP_TILES} consecutive tiles in raster order (the last one shorter), and rendered in
 * <em>blocks</em> of {@link #BLOCK_TILES} tiles of one tile row. The output convolution sees one tile's
 * features at a time, zero-padded at the tile's edges, as the model is trained; the image's reconstruction
 * filter, if it has one, likewise reads one tile's samples at a time, clamped to its part inside the image (only
 * on the model's own grid). Any rectangle's pixels are
 * therefore the same as the whole image's. Only the groups the current row needs are held: memory is
 * O(width x tile) besides the output.
 */
final class TileRows {
    /** Tiles per synthesis group: the encoder's batch. */
    static final int GROUP_TILES = HuvrEncoder.BATCH_TILES;
    /** Tiles per render block along a tile row: long enough that a call's overhead is small, short for regions. */
    static final int BLOCK_TILES = 8;
    /** Output pixels per cell side: the head's x4 depth-to-space. */
    static final int PIXELS_PER_CELL = 4;

    /** Receives each rendered block: RGB {@code [1, 3, tile, blockWidth]} in about [-1, 1] at canvas pixel (x, y). */
    interface BlockSink {
        void accept(INDArray rgb, int x, int y);
    }

    /** A group that still has to be synthesised: tiles {@code from .. from + count - 1}. */
    record Group(TileRows rows, int index, int from, int count) {
    }

    private final HuvrModel model;
    private final TileGrid grid;
    private final List<byte[]> payloads;
    private final SymbolSequenceCoder coder;
    private final TableSelector tables;
    private final float[] steps;
    private final int side;
    private final int endRow;
    private final int firstBlock;
    private final int endBlock;
    private final BlockSink sink;
    /** The image's reconstruction filter, null without one or off the model's own grid. */
    private final TileFilter filter;
    private final Map<Integer, INDArray> groups = new HashMap<>();
    private int row;

    /**
     * Decoding of the tiles that cover canvas pixels {@code [x0, x1) x [y0, y1)}; the header must have been
     * checked against the model.
     */
    TileRows(HuvrModel model, HuvrImage image, int cellsPerPatch, int x0, int y0, int x1, int y1, BlockSink sink)
            throws IOException {
        HuvrConfig config = model.config();
        this.model = model;
        this.grid = new TileGrid(image.header().getWidth(), image.header().getHeight(), config.tileSize());
        this.payloads = image.tiles();
        int operatingPoint = image.header().getQuantization().getOperatingPoint();
        this.coder = EntropyCoders.forId(image.header().getEntropyCoderValue());
        this.tables = model.tableSelector(operatingPoint);
        this.steps = model.tileSteps(operatingPoint);
        this.side = config.patchesPerSide() * cellsPerPatch;
        int tilePixels = tilePixels();
        this.row = y0 / tilePixels;
        this.endRow = Math.min(grid.tilesY(), ceilDiv(y1, tilePixels));
        this.firstBlock = x0 / tilePixels / BLOCK_TILES;
        this.endBlock = ceilDiv(Math.min(grid.tilesX(), ceilDiv(x1, tilePixels)), BLOCK_TILES);
        this.sink = sink;
        this.filter = cellsPerPatch == config.gridPerPatch() ? image.filter().map(TileFilter::of).orElse(null) : null;
    }

    /** Canvas pixels per tile side at this decoding's cells per patch. */
    int tilePixels() {
        return PIXELS_PER_CELL * side;
    }

    boolean done() {
        return row >= endRow;
    }

    /** The groups the next row's blocks need that are not synthesised yet. */
    List<Group> missingGroups() {
        int fromColumn = firstBlock * BLOCK_TILES;
        int toColumn = Math.min(grid.tilesX(), endBlock * BLOCK_TILES) - 1;
        TreeSet<Integer> missing = new TreeSet<>();
        for (int tx = fromColumn; tx <= toColumn; tx++) {
            int group = (row * grid.tilesX() + tx) / GROUP_TILES;
            if (!groups.containsKey(group)) {
                missing.add(group);
            }
        }
        List<Group> list = new ArrayList<>();
        for (int group : missing) {
            int from = group * GROUP_TILES;
            list.add(new Group(this, group, from, Math.min(GROUP_TILES, grid.count() - from)));
        }
        return list;
    }

    /** Entropy-decodes and dequantises a group's tiles into {@code values} from {@code offset}, tile after tile. */
    void tokens(Group group, float[] values, int offset) throws IOException {
        int perTile = steps.length;
        for (int t = 0; t < group.count(); t++) {
            int[] symbols = coder.decode(payloads.get(group.from() + t), perTile, tables);
            HuvrModel.dequantise(symbols, steps, values, offset + t * perTile);
        }
    }

    /** A group's synthesised features {@code [count, channels, side, side]}. */
    void accept(Group group, INDArray features) {
        groups.put(group.index(), features);
    }

    /** Renders the next tile row's blocks into the sink, then forgets the groups no later row needs. */
    void renderRow() {
        int tilePixels = tilePixels();
        for (int block = firstBlock; block < endBlock; block++) {
            int firstColumn = block * BLOCK_TILES;
            int count = Math.min(grid.tilesX(), firstColumn + BLOCK_TILES) - firstColumn;
            INDArray features = Nd4j.create(DataType.FLOAT, count, model.config().inrOutWidth(), side, side);
            for (int i = 0; i < count; i++) {
                int tile = row * grid.tilesX() + firstColumn + i;
                features.get(NDArrayIndex.point(i)).assign(groups.get(tile / GROUP_TILES).get(NDArrayIndex.point(tile % GROUP_TILES)));
            }
            // [count, 3, tile, tile] side by side: [1, 3, tile, count * tile].
            INDArray rgb = model.render(features).permute(1, 2, 0, 3).dup('c').reshape(1, 3, tilePixels, (long) count * tilePixels);
            if (filter != null) {
                rgb = filtered(rgb, firstColumn, count);
            }
            sink.accept(rgb, firstColumn * tilePixels, row * tilePixels);
        }
        row++;
        int firstTileStillNeeded = row * grid.tilesX();
        groups.keySet().removeIf(group -> Math.min(grid.count(), (group + 1) * GROUP_TILES) <= firstTileStillNeeded);
    }

    /** A block {@code [1, 3, tile, count * tile]} with each tile's part inside the image filtered on its own. */
    private INDArray filtered(INDArray rgb, int firstColumn, int count) {
        int tile = tilePixels();
        int stride = count * tile;
        float[] planes = rgb.data().asFloat();
        int height = Math.min(tile, grid.height() - row * tile);
        for (int i = 0; i < count; i++) {
            int width = Math.min(tile, grid.width() - (firstColumn + i) * tile);
            filter.apply(planes, 0, tile * stride, stride, i * tile, 0, width, height);
        }
        return Nd4j.create(planes, rgb.shape(), 'c');
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
