package io.huvr.codec;

import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.filter.FilterFitter;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.Limits;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.Quantization;
import io.huvr.format.proto.TokenLayout;
import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Encodes images to {@code .huvr} bitstreams with one loaded model: tiles through the ViT encoder
 * (in batches of {@value #BATCH_TILES}, shared between images by {@link #encodeAll}), TinToks quantised with
 * the operating point's steps, each tile entropy-coded into one {@code TILE} chunk; then the bitstream is
 * decoded once to fit the image's reconstruction filter ({@code FILT} chunk) to it.
 *
 * <p>Thread-safe: one encoder may serve several threads at once. The model's forward passes go through
 * {@code SameDiff.output}, which keeps a separate inference session (and its input arrays) per calling thread;
 * refinement (effort above 0) trains one shared graph per batch size and is serialised by a lock, so concurrent
 * refining encodes wait for each other. Every thread that uses the model keeps its SameDiff session for the
 * life of the model, so callers should use a bounded set of threads.
 */
public final class HuvrEncoder {
    /** Tiles per encoder forward pass: bounds memory for any image size. */
    static final int BATCH_TILES = 32;
    /** Zstandard level of the alpha plane: a middle level, so that large images still encode quickly. */
    static final int ALPHA_ZSTD_LEVEL = 9;

    /** The reconstruction filter's threshold ({@link #withFilter}); huvr-s gains at most 2.2 dB a doubling. */
    static final double FILTER_DB_PER_DOUBLING = 3.0;
    /** The tap precisions tried: below 6 bits the taps lose most of the gain, above 12 they gain nothing more. */
    static final int MIN_FILTER_FRACTION_BITS = 6;
    static final int MAX_FILTER_FRACTION_BITS = 12;

    private final HuvrModel model;
    private final LatentRefiner refiner;
    private final HuvrDecoder decoder;

    public HuvrEncoder(HuvrModel model) {
        this.model = model;
        this.refiner = new LatentRefiner(model);
        this.decoder = new HuvrDecoder(model);
    }

    public HuvrModel model() {
        return model;
    }

    /**
     * Encodes an image of any type to a {@code .huvr} bitstream. Grey images are coded as grey (the network
     * sees grey in R, G and B), alpha is kept losslessly in an {@code ALPH} chunk, samples in a non-sRGB RGB or
     * grey ICC profile as they are, with the profile in the header, and everything else as 8-bit sRGB
     * ({@link ImagePlanes#of}); the pixels are coded as they lie (orientation 1).
     */
    public byte[] encode(BufferedImage image, EncodeOptions options) throws IOException {
        return encodeAll(List.of(image), options).get(0);
    }

    /**
     * Encodes several images with the same options: one bitstream per image, in order. At effort 0 the tiles of
     * consecutive images share forward passes, so many small images need fewer, fuller batches. A bitstream then
     * equals {@link #encode}'s except where a token lies within float rounding of a quantisation boundary: ND4J's
     * matrix products round a row slightly differently (about 1e-7 relative) depending on the other rows of the
     * batch, so such a token can land one step away (none did on the bundled test photos with huvr-s). With
     * refinement (effort above 0) a batch never spans two images, because the refinement's objective averages over
     * its batch, and every bitstream is byte-identical to {@link #encode}'s. Every image is checked before any is
     * encoded; the encoder's copy of an image's pixels is dropped as soon as its bitstream is made.
     *
     * @throws IllegalArgumentException when the quality is not one of the model's or an image exceeds the
     *                                  format's limits
     */
    public List<byte[]> encodeAll(List<BufferedImage> images, EncodeOptions options) throws IOException {
        checkQuality(options);
        List<byte[][]> plain = encodeAt(images, new int[] {options.quality() - 1}, options);
        List<byte[]> bitstreams = new ArrayList<>(plain.size());
        for (int i = 0; i < plain.size(); i++) {
            bitstreams.add(withFilter(plain.get(i)[0], images.get(i), Long.MAX_VALUE));
            plain.set(i, null);
        }
        return bitstreams;
    }

    /**
     * Rate control: the bitstream of the highest quality up to {@code options.quality()} that holds at most
     * {@code maxBytes} bytes. The encoder runs once at effort 0 and its tokens are coded at every candidate quality
     * (entropy coding costs little next to the forward pass). With effort above 0 the chosen quality is then
     * encoded again and refined, and the refined bitstream is taken only if it fits too (a higher quality whose
     * refined file might fit is not tried). Last the reconstruction filter is added if one that is worth its bytes
     * still fits ({@link #withFilter}); a quality is chosen by its size without a filter.
     *
     * @throws ByteBudgetException      when even quality 1 needs more than {@code maxBytes}
     * @throws IllegalArgumentException when {@code maxBytes} is not positive, or for {@link #encodeAll}'s reasons
     */
    public byte[] encodeWithin(BufferedImage image, long maxBytes, EncodeOptions options) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the byte limit must be positive, got " + maxBytes);
        }
        checkQuality(options);
        int[] candidates = IntStream.range(0, options.quality()).toArray();
        byte[][] perPoint = encodeAt(List.of(image), candidates, options.withEffort(0)).get(0);
        for (int point = candidates.length - 1; point >= 0; point--) {
            if (perPoint[point].length <= maxBytes) {
                byte[] chosen = perPoint[point];
                if (options.effort() > 0) {
                    byte[] refined = encodeAt(List.of(image), new int[] {point}, options.withQuality(point + 1)).get(0)[0];
                    if (refined.length <= maxBytes) {
                        chosen = refined;
                    }
                }
                return withFilter(chosen, image, maxBytes);
            }
        }
        throw new ByteBudgetException(perPoint[0].length, maxBytes);
    }

    /**
     * The bitstream with a {@code FILT} chunk: the reconstruction filter fitted to this image (least squares, from
     * one decoding of the bitstream, {@link FilterFitter}), if it is worth its bytes: when the PSNR it gains
     * exceeds {@value #FILTER_DB_PER_DOUBLING} dB per doubling of the file, steeper than huvr-s's own
     * rate-distortion curve between any two operating points, so that no quality spends those bytes better. Of
     * the 3 x 3 and 5 x 5 windows at every tap precision from {@value #MIN_FILTER_FRACTION_BITS} to
     * {@value #MAX_FILTER_FRACTION_BITS} fraction bits it takes the one whose gain beats that rate by the most
     * and whose file holds at most {@code maxBytes}.
     */
    private byte[] withFilter(byte[] bitstream, BufferedImage source, long maxBytes) throws IOException {
        HuvrImage image = HuvrReader.read(bitstream);
        ImagePlanes planes = ImagePlanes.of(source);
        FilterFitter fitter = new FilterFitter();
        int tile = model.config().tileSize();
        decoder.render(image, (rgb, x, y) -> {
            int height = (int) rgb.size(2);
            int width = (int) rgb.size(3);
            float[] samples = rgb.data().asFloat();
            for (int tx = 0; tx < width && x + tx < planes.width(); tx += tile) {
                fitter.add(samples, 0, height * width, width, tx, 0, Math.min(tile, planes.width() - x - tx),
                        Math.min(height, planes.height() - y), planes.rgb(), planes.width(), x + tx, y);
            }
        });
        byte[] best = null;
        double bestScore = 0;
        for (int radius = 1; radius <= FilterFitter.RADIUS; radius++) {
            for (int bits = MIN_FILTER_FRACTION_BITS; bits <= MAX_FILTER_FRACTION_BITS; bits++) {
                FilterFitter.Fit fit = fitter.fit(radius, bits);
                byte[] payload = fit.filter().toByteArray();
                int added = HuvrWriter.CHUNK_ENTRY_BYTES + payload.length;
                double doublings = Math.log1p((double) added / bitstream.length) / Math.log(2);
                double score = fit.gainDb() - FILTER_DB_PER_DOUBLING * doublings;
                if (score > bestScore && bitstream.length + added <= maxBytes) {
                    best = payload;
                    bestScore = score;
                }
            }
        }
        if (best == null) {
            return bitstream;
        }
        List<Chunk> chunks = new ArrayList<>(image.chunks());
        chunks.add(Chunk.filter(best));
        return HuvrWriter.toBytes(image.header(), chunks);
    }

    private void checkQuality(EncodeOptions options) {
        if (options.quality() > model.operatingPoints().size()) {
            throw new IllegalArgumentException("quality must be 1.." + model.operatingPoints().size() + ", got "
                    + options.quality());
        }
    }

    /** Each image's bitstream at each of {@code operatingPoints}, from one encoder pass per tile. */
    private List<byte[][]> encodeAt(List<BufferedImage> images, int[] operatingPoints, EncodeOptions options)
            throws IOException {
        images.forEach(HuvrEncoder::checkLimits);
        List<TileGrid> grids = images.stream()
                .map(image -> new TileGrid(image.getWidth(), image.getHeight(), model.config().tileSize()))
                .toList();
        Quantiser[] quantisers = new Quantiser[operatingPoints.length];
        for (int k = 0; k < quantisers.length; k++) {
            quantisers[k] = new Quantiser(operatingPoints[k], options);
        }
        PendingImage[] pending = new PendingImage[images.size()];
        List<byte[][]> bitstreams = new ArrayList<>(Collections.nCopies(images.size(), null));
        for (List<TileRun> batch : batches(grids, options.effort() > 0)) {
            List<INDArray> runTiles = new ArrayList<>(batch.size());
            for (TileRun run : batch) {
                if (pending[run.image()] == null) {
                    pending[run.image()] = new PendingImage(ImagePlanes.of(images.get(run.image())),
                            grids.get(run.image()), operatingPoints.length);
                }
                runTiles.add(grids.get(run.image()).tiles(pending[run.image()].planes().rgb(), run.from(), run.count()));
            }
            INDArray tiles = runTiles.size() == 1 ? runTiles.get(0) : Nd4j.concat(0, runTiles.toArray(INDArray[]::new));
            INDArray encoded = model.encodeTiles(tiles);
            for (int k = 0; k < operatingPoints.length; k++) {
                List<Chunk> chunks = options.effort() > 0
                        ? cheaperTiles(tiles, encoded, operatingPoints[k], options.effort(), quantisers[k])
                        : quantisers[k].chunks(quantisers[k].symbols(encoded));
                int tile = 0;
                for (TileRun run : batch) {
                    for (int t = 0; t < run.count(); t++) {
                        pending[run.image()].chunks()[k].add(chunks.get(tile++));
                    }
                }
            }
            for (TileRun run : batch) {
                PendingImage image = pending[run.image()];
                if (image.chunks()[0].size() == image.grid().count()) {
                    bitstreams.set(run.image(), bitstreams(image, operatingPoints, options));
                    pending[run.image()] = null;
                }
            }
        }
        return bitstreams;
    }

    private static void checkLimits(BufferedImage image) {
        if (image.getWidth() > Limits.MAX_DIMENSION || image.getHeight() > Limits.MAX_DIMENSION
                || (long) image.getWidth() * image.getHeight() > Limits.MAX_PIXELS) {
            throw new IllegalArgumentException("image " + image.getWidth() + "x" + image.getHeight()
                    + " exceeds the format's limits");
        }
    }

    /** Tiles {@code from .. from + count - 1} of image number {@code image}. */
    private record TileRun(int image, int from, int count) {
    }

    /**
     * The forward passes, in coding order: each fills up to {@link #BATCH_TILES} tiles from consecutive images;
     * with {@code imagePerBatch} a batch ends where its image does, so every image is batched as on its own.
     */
    private static List<List<TileRun>> batches(List<TileGrid> grids, boolean imagePerBatch) {
        List<List<TileRun>> batches = new ArrayList<>();
        List<TileRun> batch = new ArrayList<>();
        int size = 0;
        for (int image = 0; image < grids.size(); image++) {
            int tiles = grids.get(image).count();
            for (int from = 0; from < tiles; ) {
                int count = Math.min(BATCH_TILES - size, tiles - from);
                batch.add(new TileRun(image, from, count));
                size += count;
                from += count;
                if (size == BATCH_TILES || (imagePerBatch && from == tiles)) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                    size = 0;
                }
            }
        }
        if (size > 0) {
            batches.add(batch);
        }
        return batches;
    }

    /** An image whose tiles are being encoded, with its coded tiles so far at each operating point being coded. */
    private record PendingImage(ImagePlanes planes, TileGrid grid, List<Chunk>[] chunks) {
        @SuppressWarnings("unchecked")
        PendingImage(ImagePlanes planes, TileGrid grid, int operatingPoints) {
            this(planes, grid, new List[operatingPoints]);
            for (int k = 0; k < operatingPoints; k++) {
                chunks[k] = new ArrayList<>(grid.count());
            }
        }
    }

    /** Rounds one tile's TinToks to the operating point's steps and entropy-codes them. */
    private final class Quantiser {
        private final float[] steps;
        private final SymbolSequenceCoder coder;
        private final TableSelector tables;

        Quantiser(int operatingPoint, EncodeOptions options) throws IOException {
            this.steps = model.tileSteps(operatingPoint);
            this.coder = EntropyCoders.forId(options.coder().getNumber());
            this.tables = model.tableSelector(operatingPoint);
        }

        /** The symbols of every tile of a batch's latents {@code [tiles, tokens, dim]}. */
        int[][] symbols(INDArray latents) {
            float[] values = latents.dup('c').data().asFloat();
            int[][] symbols = new int[values.length / steps.length][];
            for (int t = 0; t < symbols.length; t++) {
                symbols[t] = HuvrModel.symbols(values, t, steps);
            }
            return symbols;
        }

        /** One {@code TILE} chunk per tile. */
        List<Chunk> chunks(int[][] symbols) {
            List<Chunk> chunks = new ArrayList<>(symbols.length);
            for (int[] tile : symbols) {
                chunks.add(Chunk.tile(coder.encode(tile, tables)));
            }
            return chunks;
        }

        /** The tokens {@code [tiles, tokens, dim]} a decoder dequantises from the symbols. */
        INDArray tokens(int[][] symbols) {
            float[] tokens = new float[symbols.length * steps.length];
            for (int t = 0; t < symbols.length; t++) {
                HuvrModel.dequantise(symbols[t], steps, tokens, t * steps.length);
            }
            return Nd4j.create(tokens, new long[] {symbols.length, model.config().patchesPerTile() + 1,
                    model.config().tokenDim()}, 'c');
        }
    }

    /**
     * Effort above 0: the refined tokens of each tile, or the encoder's where those cost less. The refinement
     * minimises {@code bpp + lambda / s^2 * mse} with the factorized density's estimate of the bits, which the
     * coded bits (in context, {@code ContextTables}) can contradict; so each tile keeps the candidate with the
     * lower cost in its coded bits and the MSE of the tile rendered on its own, as the refinement sees it (the
     * decoder renders tiles the same way, edge tiles included, but crops their padding away).
     */
    private List<Chunk> cheaperTiles(INDArray tiles, INDArray encoded, int operatingPoint, int effort,
                                     Quantiser quantiser) {
        INDArray refined = refiner.refine(tiles, encoded, operatingPoint, effort);
        float stepScale = model.operatingPoints().get(operatingPoint).getStepScale();
        double distortionWeight = model.lambda() / ((double) stepScale * stepScale);
        double pixels = tiles.size(2) * tiles.size(3);
        int[][] originalSymbols = quantiser.symbols(encoded);
        int[][] candidateSymbols = quantiser.symbols(refined);
        List<Chunk> original = quantiser.chunks(originalSymbols);
        List<Chunk> candidate = quantiser.chunks(candidateSymbols);
        double[] originalMse = tileMse(tiles, quantiser.tokens(originalSymbols));
        double[] candidateMse = tileMse(tiles, quantiser.tokens(candidateSymbols));
        List<Chunk> chosen = new ArrayList<>(original.size());
        for (int t = 0; t < original.size(); t++) {
            double originalCost = 8.0 * original.get(t).payload().length / pixels + distortionWeight * originalMse[t];
            double candidateCost = 8.0 * candidate.get(t).payload().length / pixels + distortionWeight * candidateMse[t];
            chosen.add(candidateCost < originalCost ? candidate.get(t) : original.get(t));
        }
        return chosen;
    }

    /** Each tile's mean squared error, in the model's [-1, 1] units, when decoded from {@code tokens}. */
    private double[] tileMse(INDArray tiles, INDArray tokens) {
        INDArray error = model.render(model.synthesize(tokens)).sub(tiles);
        return error.muli(error).reshape(tiles.size(0), -1).mean(1).toDoubleVector();
    }

    /** The image's bitstream at each operating point; the alpha plane, the same in all, is compressed once. */
    private byte[][] bitstreams(PendingImage image, int[] operatingPoints, EncodeOptions options) throws IOException {
        ImagePlanes planes = image.planes();
        Chunk alpha = planes.alpha() == null ? null : Chunk.alpha(Zstd.compress(planes.alpha(), ALPHA_ZSTD_LEVEL));
        byte[][] bitstreams = new byte[operatingPoints.length][];
        for (int k = 0; k < operatingPoints.length; k++) {
            List<Chunk> chunks = image.chunks()[k];
            if (alpha != null) {
                chunks.add(alpha);
            }
            bitstreams[k] = bitstream(image, chunks, operatingPoints[k], options);
        }
        return bitstreams;
    }

    private byte[] bitstream(PendingImage image, List<Chunk> chunks, int operatingPoint, EncodeOptions options)
            throws IOException {
        HuvrConfig config = model.config();
        ImagePlanes planes = image.planes();
        ImageHeader header = ImageHeader.newBuilder()
                .setWidth(planes.width())
                .setHeight(planes.height())
                .setColorModel(planes.colorModel())
                .setBitDepth(8)
                .setModelSha256(ByteString.copyFrom(model.sha256()))
                .setLayout(TokenLayout.newBuilder()
                        .setPatchSize(config.patchSize())
                        .setTileSize(config.tileSize())
                        .setTilesX(image.grid().tilesX())
                        .setTilesY(image.grid().tilesY())
                        .setPatchTokenDim(config.tokenDim())
                        .setGlobalTokenDim(config.tokenDim()))
                .setQuantization(Quantization.newBuilder()
                        .setOperatingPoint(operatingPoint)
                        .setStepScale(model.operatingPoints().get(operatingPoint).getStepScale()))
                .setEntropyCoder(options.coder())
                .setAlphaCoding(planes.alpha() == null ? AlphaCoding.ALPHA_NONE : AlphaCoding.ALPHA_ZSTD_LOSSLESS)
                .setOrientation(1)
                .setIccProfile(ByteString.copyFrom(planes.iccProfile()))
                .build();
        return HuvrWriter.toBytes(header, chunks);
    }
}
