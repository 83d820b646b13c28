package io.huvr.conformance;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.model.ModelExporter;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.EntropyCoder;
import io.huvr.format.proto.ImageHeader;
import io.huvr.lite.LiteDecoder;
import io.huvr.lite.LiteModel;
import io.huvr.lite.PngFiles;
import io.huvr.lite.Rendered;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Generates a vector directory for one model:
 * {@code VectorGenerator [--create-tiny-model] MODEL.huvrm OUTDIR [CONTAINER_VECTORS_DIR]}.
 *
 * <p>It crops small originals from the codec's sample images, encodes them with the ND4J encoder
 * (every operating point, both coders, odd sizes, 1x1, 300x7, many tiles, effort 1, grey, RGBA and
 * grey with alpha), stores each
 * bitstream with the ND4J decoder's output, copies the invalid container files of
 * {@code CONTAINER_VECTORS_DIR} (default {@code format-spec/vectors}) and derives codec-level invalid
 * bitstreams. Every invalid vector is checked to be rejected by both project decoders before it is written.
 */
public final class VectorGenerator {
    /** The configuration of the committed untrained model: every rule of the family at a tiny cost. */
    private static final HuvrConfig TINY = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 1, 64, 2, 16, 16, 2);

    private final HuvrModel model;
    private final LiteDecoder lite;
    private final Path out;
    private final List<Manifest.ValidVector> valid = new ArrayList<>();
    private final List<Manifest.InvalidVector> invalid = new ArrayList<>();

    private VectorGenerator(Path modelFile, Path out) throws IOException {
        this.model = HuvrModel.load(modelFile);
        this.lite = new LiteDecoder(LiteModel.load(modelFile));
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean createTiny = rest.remove("--create-tiny-model");
        if (rest.size() < 2 || rest.size() > 3) {
            System.err.println("usage: VectorGenerator [--create-tiny-model] MODEL.huvrm OUTDIR [CONTAINER_VECTORS_DIR]");
            System.exit(2);
        }
        Path modelFile = Path.of(rest.get(0));
        Path out = Path.of(rest.get(1));
        Path containerVectors = Path.of(rest.size() == 3 ? rest.get(2) : "format-spec/vectors");
        Files.createDirectories(out);
        if (createTiny) {
            Files.write(modelFile, tinyModel());
        }
        generate(modelFile, out, containerVectors);
    }

    /** The committed untrained model: {@link #TINY}, seed 5, three operating points. */
    public static byte[] tinyModel() throws IOException {
        return ModelExporter.export(HuvrGraph.training(TINY, 5).sd(), TINY, "conformance-tiny", 100,
                List.of(new ModelExporter.Point(2, 0), new ModelExporter.Point(1, 0), new ModelExporter.Point(0.5, 0)));
    }

    /** Writes the vectors of {@code modelFile} and their manifest into {@code out}. */
    public static Manifest generate(Path modelFile, Path out, Path containerVectors) throws IOException {
        for (String sub : List.of("originals", "valid", "reference", "invalid")) {
            Files.createDirectories(out.resolve(sub));
        }
        VectorGenerator generator = new VectorGenerator(modelFile, out);
        generator.validVectors();
        generator.containerInvalidVectors(containerVectors);
        generator.codecInvalidVectors();
        Manifest manifest = new Manifest(out.toAbsolutePath().relativize(modelFile.toAbsolutePath()).toString(),
                generator.model.sha256Hex(), Manifest.REFERENCE_FORMAT, generator.valid, generator.invalid);
        manifest.write(out);
        return manifest;
    }

    private void validVectors() throws IOException {
        String cat = original("chelsea", 200, 90, 45, 29);
        int points = model.operatingPoints().size();
        for (int q = 1; q <= points; q++) {
            encode("rans-q" + q + "-45x29", cat, q, 0, EntropyCoder.RANS, "operating point " + (q - 1)
                    + ", RANS, 45x29 (odd size, partial edge tiles)");
        }
        encode("zstd-q1-45x29", cat, 1, 0, EntropyCoder.ZSTD, "operating point 0, ZSTD, 45x29");
        encode("zstd-q" + points + "-45x29", cat, points, 0, EntropyCoder.ZSTD,
                "operating point " + (points - 1) + ", ZSTD, 45x29");
        HuvrImage zstd = HuvrReader.read(Files.readAllBytes(out.resolve("valid/zstd-q1-45x29.huvr")));
        addValid("zstd-two-frames-45x29", cat, HuvrWriter.toBytes(zstd.header(), zstd.chunks().stream()
                .map(chunk -> chunk.fourcc() == Chunk.TILE ? Chunk.tile(twoFrames(chunk.payload())) : chunk).toList()),
                "ZSTD payloads of two frames each, split inside a symbol (entropy-coding.md section 4), 45x29");
        HuvrImage rans = HuvrReader.read(Files.readAllBytes(out.resolve("valid/rans-q1-45x29.huvr")));
        addValid("rans-escapes-45x29", cat, HuvrWriter.toBytes(rans.header(), withEscapes(rans)),
                "RANS escape codes (entropy-coding.md 3.3) in tile 0: one past each end of a table's range, far "
                        + "outside it, and the int32 extremes (32-bit Exp-Golomb prefix), 45x29");
        String pixel = original("coffee", 300, 200, 1, 1);
        encode("rans-1x1", pixel, 2, 0, EntropyCoder.RANS, "1x1 image, RANS");
        encode("zstd-1x1", pixel, 2, 0, EntropyCoder.ZSTD, "1x1 image, ZSTD");
        String strip = original("coffee", 150, 180, 300, 7);
        encode("rans-300x7", strip, 2, 0, EntropyCoder.RANS, "very wide 300x7 image, RANS");
        encode("zstd-300x7", strip, 2, 0, EntropyCoder.ZSTD, "very wide 300x7 image, ZSTD");
        String tall = original("chelsea", 20, 10, 5, 70);
        encode("rans-5x70", tall, 2, 0, EntropyCoder.RANS, "very tall 5x70 image, RANS");
        String large = original("coffee", 230, 120, 97, 83);
        encode("rans-97x83", large, 2, 0, EntropyCoder.RANS,
                "97x83: many tiles (more than one synthesis batch with tile size 16), RANS");
        String odd = original("chelsea", 300, 150, 17, 13);
        encode("rans-effort1-17x13", odd, points, 1, EntropyCoder.RANS, "effort 1 (refined tokens), 17x13, RANS");
        encode("grey-45x29", original("chelsea", 120, 160, 45, 29, ColorModel.GREY), 2, 0, EntropyCoder.RANS,
                "GREY: one channel, the BT.601 luma of the rounded RGB output (MODEL.md), 45x29, RANS");
        encode("rgba-45x29", original("coffee", 200, 60, 45, 29, ColorModel.RGBA), 2, 0, EntropyCoder.RANS,
                "RGBA: RGB plus a radial alpha in the ALPH chunk (one Zstandard frame, lossless), 45x29, RANS");
        encode("grey-alpha-45x29", original("coffee", 60, 240, 45, 29, ColorModel.GREY_ALPHA), 2, 0,
                EntropyCoder.ZSTD, "GREY_ALPHA: luma plus the ALPH chunk, 45x29, ZSTD");
    }

    /**
     * Crops a region of a codec sample image into {@code originals/} in a colour model and returns its
     * relative path: grey is the crop's BT.601 luma, alpha a radial gradient from opaque in the middle to
     * transparent in the corners.
     */
    private String original(String sample, int x, int y, int width, int height, ColorModel colorModel)
            throws IOException {
        BufferedImage rgb = crop(sample, x, y, width, height);
        byte[] alpha = new byte[width * height];
        for (int py = 0; py < height; py++) {
            for (int px = 0; px < width; px++) {
                double dx = (px + 0.5) / width - 0.5;
                double dy = (py + 0.5) / height - 0.5;
                alpha[py * width + px] = (byte) Math.round(255 * Math.max(0, 1 - Math.sqrt(2 * (dx * dx + dy * dy))));
            }
        }
        int[] pixels = Images.pixels(rgb);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
            if (colorModel == ColorModel.GREY || colorModel == ColorModel.GREY_ALPHA) {
                pixels[i] = ImagePlanes.luma(pixels[i]) * 0x010101;
            }
        }
        boolean hasAlpha = colorModel == ColorModel.RGBA || colorModel == ColorModel.GREY_ALPHA;
        BufferedImage image = new ImagePlanes(width, height, colorModel, pixels, hasAlpha ? alpha : null,
                new byte[0]).toImage();
        String path = "originals/" + sample + "-" + colorModel.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "-" + width + "x" + height + ".png";
        ImageIO.write(image, "png", out.resolve(path).toFile());
        return path;
    }

    /** Crops a region of a codec sample image into {@code originals/} and returns its relative path. */
    private String original(String sample, int x, int y, int width, int height) throws IOException {
        String path = "originals/" + sample + "-" + width + "x" + height + ".png";
        ImageIO.write(crop(sample, x, y, width, height), "png", out.resolve(path).toFile());
        return path;
    }

    /** A region of a codec sample image as {@code TYPE_INT_RGB}. */
    private static BufferedImage crop(String sample, int x, int y, int width, int height) throws IOException {
        BufferedImage image;
        try (InputStream in = HuvrModel.class.getResourceAsStream("/io/huvr/codec/samples/" + sample + ".png")) {
            if (in == null) {
                throw new IOException("codec sample " + sample + " is not on the class path");
            }
            image = Images.toRgb(ImageIO.read(in));
        }
        BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        crop.setRGB(0, 0, width, height, image.getRGB(x, y, width, height, null, 0, width), 0, width);
        return crop;
    }

    private void encode(String name, String original, int quality, int effort, EntropyCoder coder, String exercises)
            throws IOException {
        BufferedImage image = Images.read(out.resolve(original));
        addValid(name, original, new HuvrEncoder(model).encode(image, new EncodeOptions(quality, effort, coder)),
                exercises);
    }

    /** Stores a valid bitstream with the reference decoder's output. */
    private void addValid(String name, String original, byte[] bitstream, String exercises) throws IOException {
        Rendered reference = new Nd4jDecoder(model).decode(bitstream);
        checkRoundsToCodecOutput(name, reference, new HuvrDecoder(model).decode(bitstream));
        String file = "valid/" + name + ".huvr";
        String referenceFile = "reference/" + name + ".png";
        Files.write(out.resolve(file), bitstream);
        PngFiles.write(reference, 16, out.resolve(referenceFile));
        valid.add(new Manifest.ValidVector(file, original, referenceFile, exercises, reference.width(),
                reference.height()));
    }

    /**
     * The float reference must be exactly what the codec's own decoder rounds to, in every band of its colour
     * model (grey as luma, alpha as decoded).
     */
    private static void checkRoundsToCodecOutput(String name, Rendered reference, BufferedImage decoded)
            throws IOException {
        Raster rounded = PngFiles.toImage(reference, 8).getRaster();
        Raster codec = decoded.getRaster();
        if (rounded.getNumBands() != codec.getNumBands()) {
            throw new IOException(name + ": the reference has " + rounded.getNumBands() + " bands, HuvrDecoder's output "
                    + codec.getNumBands());
        }
        for (int y = 0; y < reference.height(); y++) {
            for (int x = 0; x < reference.width(); x++) {
                for (int band = 0; band < codec.getNumBands(); band++) {
                    if (rounded.getSample(x, y, band) != codec.getSample(x, y, band)) {
                        throw new IOException(name + ": the float reference does not round to HuvrDecoder's output at ("
                                + x + ", " + y + ") in band " + band);
                    }
                }
            }
        }
    }

    private void containerInvalidVectors(Path containerVectors) throws IOException {
        for (String line : Files.readAllLines(containerVectors.resolve("manifest.tsv"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3 && fields[0].endsWith(".huvr") && !fields[1].equals("valid")
                    && !fields[1].equals("expect")) {
                String file = "invalid/container-" + fields[0].substring("invalid-".length());
                Files.copy(containerVectors.resolve(fields[0]), out.resolve(file),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                invalid.add(new Manifest.InvalidVector(file, fields[1], "format-spec/vectors/" + fields[0] + ": "
                        + fields[2]));
            }
        }
    }

    private void codecInvalidVectors() throws IOException {
        HuvrImage rans = HuvrReader.read(Files.readAllBytes(out.resolve("valid/rans-q1-45x29.huvr")));
        HuvrImage zstd = HuvrReader.read(Files.readAllBytes(out.resolve("valid/zstd-q1-45x29.huvr")));
        ImageHeader header = rans.header();
        derive("model-mismatch", rans, h -> h.toBuilder().setModelSha256(ByteString.copyFrom(
                sha256("not the model".getBytes(StandardCharsets.UTF_8)))).build(), UnaryOperator.identity(),
                "MODEL_MISMATCH", "model_sha256 names another model than the one the suite decodes with");
        derive("operating-point-out-of-range", rans, h -> h.toBuilder().setQuantization(h.getQuantization().toBuilder()
                .setOperatingPoint(model.operatingPoints().size())).build(), UnaryOperator.identity(),
                "INVALID_OPERATING_POINT", "operating_point one past the model's last");
        derive("layout-mismatch", rans, h -> h.toBuilder().setLayout(h.getLayout().toBuilder()
                .setPatchSize(2 * header.getLayout().getPatchSize())).build(), UnaryOperator.identity(),
                "LAYOUT_MISMATCH", "patch_size twice the model's (the tile count still fits the header)");
        derive("rans-final-state", rans, UnaryOperator.identity(), firstTile(p -> wrongFinalState(rans)),
                "RANS_FINAL_STATE", "tile 0's last payload byte changed: every byte is used but the final rANS state is not 2^23");
        derive("rans-truncated-tile", rans, UnaryOperator.identity(),
                firstTile(p -> Arrays.copyOf(p, p.length - 1)), "RANS_PAYLOAD_TRUNCATED",
                "tile 0's payload without its last byte (chunk CRC recomputed)");
        derive("rans-bytes-left-over", rans, UnaryOperator.identity(),
                firstTile(p -> Arrays.copyOf(p, p.length + 1)), "RANS_BYTES_LEFT_OVER",
                "tile 0's payload with a zero byte appended");
        derive("zstd-truncated-tile", zstd, UnaryOperator.identity(),
                firstTile(p -> Arrays.copyOf(p, p.length - 1)), "ZSTD_INVALID",
                "tile 0's Zstandard frame without its last byte");
        derive("zstd-short-content", zstd, UnaryOperator.identity(), firstTile(p -> {
            byte[] raw = Zstd.decompress(p, 2 * symbolsPerTile());
            return Zstd.compress(Arrays.copyOf(raw, raw.length - 2), 19);
        }), "ZSTD_SIZE_MISMATCH", "tile 0's frame decompresses to 2N - 2 bytes");
        derive("zstd-empty-tile", zstd, UnaryOperator.identity(), firstTile(p -> new byte[0]), "ZSTD_INVALID",
                "tile 0's payload is empty");
        HuvrImage rgba = HuvrReader.read(Files.readAllBytes(out.resolve("valid/rgba-45x29.huvr")));
        derive("alpha-short-content", rgba, UnaryOperator.identity(), chunks -> chunks.stream().map(chunk ->
                chunk.fourcc() != Chunk.ALPH ? chunk : Chunk.alpha(Zstd.compress(Arrays.copyOf(
                        Zstd.decompress(chunk.payload(), rgba.header().getWidth() * rgba.header().getHeight()),
                        rgba.header().getWidth() * rgba.header().getHeight() - 1), 19))).toList(),
                "ALPHA_SIZE_MISMATCH", "the ALPH frame holds one sample fewer than width x height");
    }

    /**
     * The chunks of a RANS image (operating point 0) with tile 0's symbols replaced, in both token
     * types, by values that need escape codes; the other tiles are unchanged.
     */
    private List<Chunk> withEscapes(HuvrImage image) throws IOException {
        TableSelector tables = model.tableSelector(0);
        SymbolSequenceCoder rans = EntropyCoders.forId(EntropyCoder.RANS_VALUE);
        int[] symbols = rans.decode(image.tiles().get(0), symbolsPerTile(), tables);
        int dim = model.config().tokenDim();
        symbols[0] = tables.tableAt(0, symbols).maxSymbol() + 1;
        symbols[1] = tables.tableAt(1, symbols).minSymbol() - 1;
        symbols[dim] = Integer.MAX_VALUE;
        symbols[dim + 1] = Integer.MIN_VALUE;
        symbols[2 * dim + 2] = tables.tableAt(2 * dim + 2, symbols).maxSymbol() + 1000;
        symbols[3 * dim + 3] = tables.tableAt(3 * dim + 3, symbols).minSymbol() - 70_000;
        List<Chunk> chunks = new ArrayList<>(image.chunks());
        chunks.set(0, Chunk.tile(rans.encode(symbols, tables)));
        return chunks;
    }

    /** The same int16 content as two Zstandard frames, split between the two bytes of a symbol. */
    private byte[] twoFrames(byte[] payload) {
        byte[] raw = Zstd.decompress(payload, 2 * symbolsPerTile());
        int split = 2 * (symbolsPerTile() / 2) + 1;
        byte[] first = Zstd.compress(Arrays.copyOf(raw, split), 19);
        byte[] second = Zstd.compress(Arrays.copyOfRange(raw, split, raw.length), 19);
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private int symbolsPerTile() {
        HuvrConfig config = model.config();
        return (1 + config.patchesPerTile()) * config.tokenDim();
    }

    /**
     * Tile 0's rANS payload with its last byte changed so that decoding uses every byte but ends in a
     * state other than 2^23: the decoder reads that byte last, so it lands in the final state.
     */
    private byte[] wrongFinalState(HuvrImage base) {
        byte[] payload = base.tiles().get(0);
        for (int delta = 1; delta < 256; delta++) {
            byte[] changed = payload.clone();
            changed[changed.length - 1] += (byte) delta;
            try {
                lite.decode(HuvrWriter.toBytes(base.header(), firstTile(p -> changed).apply(base.chunks())));
            } catch (IOException e) {
                if (e.getMessage().contains("final state")) {
                    return changed;
                }
            }
        }
        throw new IllegalStateException("no change of the last byte gives a wrong final state");
    }

    private static UnaryOperator<List<Chunk>> firstTile(UnaryOperator<byte[]> change) {
        return chunks -> {
            List<Chunk> changed = new ArrayList<>(chunks);
            changed.set(0, Chunk.tile(change.apply(chunks.get(0).payload())));
            return changed;
        };
    }

    /** Writes a container-valid bitstream changed at codec level, after checking both decoders reject it. */
    private void derive(String name, HuvrImage base, UnaryOperator<ImageHeader> headerChange,
                        UnaryOperator<List<Chunk>> chunkChange, String rejection, String description) throws IOException {
        byte[] bitstream = HuvrWriter.toBytes(headerChange.apply(base.header()), chunkChange.apply(base.chunks()));
        expectRejected(name, () -> new HuvrDecoder(model).decode(bitstream));
        expectRejected(name, () -> lite.decode(bitstream));
        String file = "invalid/codec-" + name + ".huvr";
        Files.write(out.resolve(file), bitstream);
        invalid.add(new Manifest.InvalidVector(file, rejection, description));
    }

    private interface Decoding {
        void run() throws IOException;
    }

    private static void expectRejected(String name, Decoding decoding) throws IOException {
        try {
            decoding.run();
        } catch (IOException e) {
            return;
        }
        throw new IOException("invalid vector " + name + " was decoded instead of rejected");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
