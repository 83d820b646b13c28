package io.huvr.codec;

import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.image.Orientation;
import io.huvr.codec.image.Resampler;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.Limits;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.TokenLayout;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes {@code .huvr} bitstreams made for one loaded model: entropy-decodes each tile's tokens,
 * dequantises them, synthesises the tiles' INR features (in batches) and renders them, one tile row at a
 * time, each tile through the output convolution on its own, zero-padded at its edges ({@link TileRows}). Memory beyond the output
 * image is O(width x tile), and a region costs only the tiles around it.
 *
 * <p>Every way of decoding an image (whole, a region, {@link #render}) gives the same pixels: each tile is
 * computed in a layout that does not depend on what else is decoded. {@link #decodeAll} is the exception
 * described there.
 *
 * <p>A decoder holds no state of its own besides the model, so one instance may be shared by several
 * threads exactly as far as its {@link HuvrModel} may: ND4J's SameDiff keeps one inference session per
 * calling thread and never frees it, so use a fixed, bounded set of threads.
 */
public final class HuvrDecoder {
    /** The finest INR grid, as a multiple of the model's: beyond it the rest is resampled, bounding the INR's memory. */
    static final int MAX_INR_SCALE = 4;

    private final HuvrModel model;

    public HuvrDecoder(HuvrModel model) {
        this.model = model;
    }

    /** Decodes a whole bitstream held in memory. */
    public BufferedImage decode(byte[] bitstream) throws IOException {
        return decode(HuvrReader.read(bitstream));
    }

    /**
     * Decodes a parsed container to an 8-bit image in the header's colour model ({@link ImagePlanes#toImage}:
     * RGB, ARGB, grey or grey with alpha), turned by the header's orientation.
     */
    public BufferedImage decode(HuvrImage image) throws IOException {
        return decodeAll(List.of(image)).get(0);
    }

    /**
     * Decodes several images, putting the tiles of the small ones into shared synthesis passes: worth it for
     * many images of fewer than {@value TileRows#GROUP_TILES} tiles (thumbnails), which would each make a short
     * pass of their own. Tiles in full groups of {@value TileRows#GROUP_TILES} come out exactly as
     * {@link #decode(HuvrImage)} gives them; tiles that shared a pass may differ from it in the last bits of
     * the floating-point output (ND4J's results depend on a row's place in a batch), so an 8-bit sample may
     * rarely differ by one.
     */
    public List<BufferedImage> decodeAll(List<HuvrImage> images) throws IOException {
        List<TileRows> decodings = new ArrayList<>();
        List<int[]> pixels = new ArrayList<>();
        for (HuvrImage image : images) {
            ImageHeader header = checkCompatible(image.header());
            Rectangle whole = new Rectangle(header.getWidth(), header.getHeight());
            int[] rgb = new int[whole.width * whole.height];
            pixels.add(rgb);
            decodings.add(new TileRows(model, image, model.config().gridPerPatch(), 0, 0, whole.width, whole.height,
                    pixelSink(rgb, whole)));
        }
        run(decodings, model.config().gridPerPatch());
        List<BufferedImage> decoded = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ImageHeader header = images.get(i).header();
            decoded.add(upright(images.get(i), header.getWidth(), header.getHeight(), pixels.get(i), alpha(images.get(i))));
        }
        return decoded;
    }

    /**
     * Decodes the pixels of a rectangle of the decoded (upright) image: only the render blocks of 8 tiles it
     * touches, in the tile rows it covers, are entropy-decoded and synthesised. The result equals the same crop of {@link #decode(HuvrImage)}.
     *
     * @throws IllegalArgumentException when the rectangle is empty or not inside the image
     */
    public BufferedImage decodeRegion(HuvrImage image, Rectangle region) throws IOException {
        ImageHeader header = checkCompatible(image.header());
        Rectangle upright = swapsSides(header) ? new Rectangle(header.getHeight(), header.getWidth())
                : new Rectangle(header.getWidth(), header.getHeight());
        if (region.isEmpty() || !upright.contains(region)) {
            throw new IllegalArgumentException("region " + region.x + "," + region.y + " " + region.width + "x"
                    + region.height + " is not inside the " + upright.width + "x" + upright.height + " image");
        }
        Rectangle stored = Orientation.storedRegion(region, header.getWidth(), header.getHeight(), header.getOrientation());
        int[] rgb = new int[stored.width * stored.height];
        run(List.of(new TileRows(model, image, model.config().gridPerPatch(), stored.x, stored.y,
                stored.x + stored.width, stored.y + stored.height, pixelSink(rgb, stored))), model.config().gridPerPatch());
        byte[] alpha = alpha(image);
        if (alpha != null) {
            byte[] cropped = new byte[rgb.length];
            for (int y = 0; y < stored.height; y++) {
                System.arraycopy(alpha, (stored.y + y) * header.getWidth() + stored.x, cropped, y * stored.width,
                        stored.width);
            }
            alpha = cropped;
        }
        return upright(image, stored.width, stored.height, rgb, alpha);
    }

    /**
     * Decodes at another size ({@code width x height} of the upright image): decoded on the model's own INR
     * grid, then resampled ({@link Resampler}: area where a side shrinks, bicubic where it grows), alpha too.
     * This is the better of the two ways for {@code huvr-s} (see {@link #decodeOnInrGrid}).
     */
    public BufferedImage decode(HuvrImage image, int width, int height) throws IOException {
        return scaled(image, width, height, model.config().gridPerPatch());
    }

    /**
     * Decodes at another size with the INR evaluated on a finer or coarser grid: {@code g} cells per patch side,
     * the smallest {@code g} whose scale {@code g / }{@link HuvrConfig#gridPerPatch} reaches the requested size on
     * both axes (0.5x, 1x, 1.5x, 2x, ... for {@code huvr-s}; at most {@value #MAX_INR_SCALE}x), the remainder
     * resampled as by {@link #decode(HuvrImage, int, int)}. Cheaper than that when shrinking, but the model was
     * trained only on its own grid: {@code huvr-s}'s INR does not carry over to other grids (about 9 dB below
     * decoding and resampling at 0.5x and 2x), so this is for models trained on several grids. Off the model's own
     * grid the image's reconstruction filter, fitted to the coded size, is not applied.
     */
    public BufferedImage decodeOnInrGrid(HuvrImage image, int width, int height) throws IOException {
        ImageHeader header = image.header();
        boolean swapsSides = swapsSides(header);
        int trained = model.config().gridPerPatch();
        int cells = Math.max(ceilDiv((long) trained * (swapsSides ? height : width), header.getWidth()),
                ceilDiv((long) trained * (swapsSides ? width : height), header.getHeight()));
        return scaled(image, width, height, Math.max(1, Math.min(cells, MAX_INR_SCALE * trained)));
    }

    /** The image decoded on {@code cells} cells per patch side and resampled to {@code width x height} (upright). */
    private BufferedImage scaled(HuvrImage image, int width, int height, int cells) throws IOException {
        ImageHeader header = checkCompatible(image.header());
        if (width < 1 || height < 1 || width > Limits.MAX_DIMENSION || height > Limits.MAX_DIMENSION
                || (long) width * height > Limits.MAX_PIXELS) {
            throw new IllegalArgumentException("cannot decode to " + width + "x" + height);
        }
        int outWidth = swapsSides(header) ? height : width;
        int outHeight = swapsSides(header) ? width : height;
        double scale = (double) cells / model.config().gridPerPatch();
        double extentWidth = header.getWidth() * scale;
        double extentHeight = header.getHeight() * scale;
        Rectangle canvas = new Rectangle((int) Math.ceil(extentWidth), (int) Math.ceil(extentHeight));
        int[] rgb = new int[canvas.width * canvas.height];
        run(List.of(new TileRows(model, image, cells, 0, 0, canvas.width, canvas.height, pixelSink(rgb, canvas))), cells);
        if (extentWidth != outWidth || extentHeight != outHeight) {
            rgb = Resampler.resizeRgb(rgb, canvas.width, canvas.height, extentWidth, extentHeight, outWidth, outHeight);
        }
        byte[] alpha = alpha(image);
        if (alpha != null && (outWidth != header.getWidth() || outHeight != header.getHeight())) {
            alpha = Resampler.resizeBytes(alpha, header.getWidth(), header.getHeight(), outWidth, outHeight);
        }
        return upright(image, outWidth, outHeight, rgb, alpha);
    }

    private static boolean swapsSides(ImageHeader header) {
        return Orientation.swapsSides(header.getOrientation());
    }

    /**
     * The decoded samples before rounding (the synthesis output, through the image's reconstruction filter if it
     * has one), {@code [1, 3, tilesY * tile, tilesX * tile]} in about [-1, 1] (not clipped; the image is its
     * top-left {@code width x height}): what conformance compares. It holds
     * the whole canvas in floats (12 bytes a pixel); {@link #decode(HuvrImage)} does not.
     */
    public INDArray render(HuvrImage image) throws IOException {
        ImageHeader header = checkCompatible(image.header());
        TileGrid grid = new TileGrid(header.getWidth(), header.getHeight(), model.config().tileSize());
        int tile = model.config().tileSize();
        INDArray canvas = Nd4j.create(DataType.FLOAT, 1, 3, (long) grid.tilesY() * tile, (long) grid.tilesX() * tile);
        render(image, (rgb, x, y) -> canvas.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(y, y + rgb.size(2)), NDArrayIndex.interval(x, x + rgb.size(3))).assign(rgb));
        return canvas;
    }

    /** Renders the whole canvas on the model's own grid, block by block, into {@code sink}, unrounded. */
    void render(HuvrImage image, TileRows.BlockSink sink) throws IOException {
        ImageHeader header = checkCompatible(image.header());
        run(List.of(new TileRows(model, image, model.config().gridPerPatch(), 0, 0, header.getWidth(),
                header.getHeight(), sink)), model.config().gridPerPatch());
    }

    /** Runs decodings row by row to their end, synthesising the groups each next row needs. */
    private void run(List<TileRows> decodings, int cellsPerPatch) throws IOException {
        INDArray gridFeatures = HuvrGraph.gridFourierFeatures(cellsPerPatch, model.config().fourierFrequencies());
        List<TileRows> active = new ArrayList<>(decodings);
        active.removeIf(TileRows::done);
        while (!active.isEmpty()) {
            List<TileRows.Group> missing = new ArrayList<>();
            for (TileRows rows : active) {
                missing.addAll(rows.missingGroups());
            }
            synthesize(missing, gridFeatures);
            for (TileRows rows : active) {
                rows.renderRow();
            }
            active.removeIf(TileRows::done);
        }
    }

    /**
     * Synthesises groups: a full group in a pass of its own, as it is whenever its image is decoded alone;
     * short groups (the last of an image) share passes up to {@value TileRows#GROUP_TILES} tiles.
     */
    private void synthesize(List<TileRows.Group> groups, INDArray gridFeatures) throws IOException {
        List<List<TileRows.Group>> passes = new ArrayList<>();
        List<TileRows.Group> shared = new ArrayList<>();
        int sharedTiles = 0;
        for (TileRows.Group group : groups) {
            if (group.count() == TileRows.GROUP_TILES) {
                passes.add(List.of(group));
                continue;
            }
            if (sharedTiles + group.count() > TileRows.GROUP_TILES) {
                passes.add(shared);
                shared = new ArrayList<>();
                sharedTiles = 0;
            }
            shared.add(group);
            sharedTiles += group.count();
        }
        if (!shared.isEmpty()) {
            passes.add(shared);
        }
        HuvrConfig config = model.config();
        int tokens = 1 + config.patchesPerTile();
        int perTile = tokens * config.tokenDim();
        for (List<TileRows.Group> pass : passes) {
            int tiles = pass.stream().mapToInt(TileRows.Group::count).sum();
            float[] values = new float[tiles * perTile];
            int offset = 0;
            for (TileRows.Group group : pass) {
                group.rows().tokens(group, values, offset * perTile);
                offset += group.count();
            }
            INDArray features = model.synthesize(Nd4j.create(values, new long[] {tiles, tokens, config.tokenDim()}, 'c'),
                    gridFeatures);
            offset = 0;
            for (TileRows.Group group : pass) {
                group.rows().accept(group, features.get(NDArrayIndex.interval(offset, offset + group.count())));
                offset += group.count();
            }
        }
    }

    /** A sink writing the rounded pixels of blocks that fall in {@code area} (canvas pixels) into {@code rgb}. */
    private static TileRows.BlockSink pixelSink(int[] rgb, Rectangle area) {
        return (block, x, y) -> {
            int height = (int) block.size(2);
            int width = (int) block.size(3);
            float[] data = block.dup('c').data().asFloat();
            int plane = height * width;
            int x0 = Math.max(x, area.x);
            int x1 = Math.min(x + width, area.x + area.width);
            for (int row = Math.max(y, area.y); row < Math.min(y + height, area.y + area.height); row++) {
                for (int column = x0; column < x1; column++) {
                    int o = (row - y) * width + column - x;
                    rgb[(row - area.y) * area.width + column - area.x] = Images.toSample(data[o]) << 16
                            | Images.toSample(data[o + plane]) << 8 | Images.toSample(data[o + 2 * plane]);
                }
            }
        };
    }

    /** Decoded planes in the header's colour model, turned by its orientation. */
    private static BufferedImage upright(HuvrImage image, int width, int height, int[] rgb, byte[] alpha) {
        ImageHeader header = image.header();
        return Orientation.apply(new ImagePlanes(width, height, header.getColorModel(), rgb, alpha,
                header.getIccProfile().toByteArray()).toImage(),
                header.getOrientation());
    }

    /**
     * The {@code ALPH} chunk's samples, or null for an image without alpha; the frame must hold exactly one
     * byte per pixel (bit depth 8).
     */
    private static byte[] alpha(HuvrImage image) throws IOException {
        ImageHeader header = image.header();
        if (header.getAlphaCoding() == AlphaCoding.ALPHA_NONE) {
            return null;
        }
        if (header.getBitDepth() != 8) {
            throw new IOException("alpha at bit depth " + header.getBitDepth() + " is not supported");
        }
        int pixels = header.getWidth() * header.getHeight();
        byte[] frame = image.alpha().orElseThrow(() -> new IOException("the ALPH chunk is missing"));
        byte[] alpha = new byte[pixels];
        long size;
        try {
            size = Zstd.decompressByteArray(alpha, 0, alpha.length, frame, 0, frame.length);
        } catch (ZstdException e) {
            throw new IOException("the ALPH chunk is corrupt or larger than " + pixels + " samples: " + e.getMessage(), e);
        }
        if (size != pixels) {
            throw new IOException("the ALPH chunk holds " + size + " samples, the image has " + pixels);
        }
        return alpha;
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    /** The header, once checked against the loaded model. */
    private ImageHeader checkCompatible(ImageHeader header) throws IOException {
        if (!Arrays.equals(header.getModelSha256().toByteArray(), model.sha256())) {
            throw new IOException("the bitstream needs model " + HexFormat.of().formatHex(header.getModelSha256().toByteArray())
                    + ", but the loaded model is " + model.sha256Hex() + " (" + model.name() + ")");
        }
        HuvrConfig config = model.config();
        TokenLayout layout = header.getLayout();
        if (layout.getPatchSize() != config.patchSize() || layout.getTileSize() != config.tileSize()
                || layout.getPatchTokenDim() != config.tokenDim() || layout.getGlobalTokenDim() != config.tokenDim()) {
            throw new IOException("the bitstream's token layout does not match its model's hyper-parameters");
        }
        int operatingPoint = header.getQuantization().getOperatingPoint();
        if (operatingPoint >= model.operatingPoints().size()
                || header.getQuantization().getStepScale() != model.operatingPoints().get(operatingPoint).getStepScale()) {
            throw new IOException("the bitstream's operating point " + operatingPoint + " is not one of the model's");
        }
        return header;
    }
}
