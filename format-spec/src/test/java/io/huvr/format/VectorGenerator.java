package io.huvr.format;

import com.google.protobuf.UnknownFieldSet;
import io.huvr.format.CraftedFiles.Crafted;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ImageHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates the test vectors in {@code format-spec/vectors/}: valid files from the reference writer, and for
 * every rejection rule the crafted file of {@link CraftedFiles}. Run {@code main} with the target directory,
 * or the tests with {@code -Dhuvr.regenerateVectors=true}.
 */
final class VectorGenerator {

    static final String MANIFEST = "manifest.tsv";
    static final String VALID = "valid";
    /** Crafted files bigger than this (the oversized ICC profile) stay out of the repository; the tests still run them. */
    static final int MAX_VECTOR_BYTES = 128 * 1024;

    /** One vector file and what a reader must do with it: accept it ({@link #VALID}) or reject it with a reason. */
    record Vector(String file, String expectation, String description, byte[] bytes) {
    }

    private VectorGenerator() {
    }

    static List<Vector> vectors() throws HuvrFormatException {
        List<Vector> vectors = new ArrayList<>();
        for (Map.Entry<String, HuvrImage> sample : Samples.images().entrySet()) {
            HuvrImage image = sample.getValue();
            vectors.add(new Vector(sample.getKey() + ".huvr", VALID, describe(image),
                    HuvrWriter.toBytes(image.header(), image.chunks())));
        }
        vectors.add(new Vector("valid-minor-version-7-unknown-field.huvr", VALID,
                "version 1.7, an unknown header field 1000 and an ancillary 'zNew' chunk: read as 1.x",
                newerMinorVersion()));
        vectors.add(new Vector("valid-model-tiny.huvrm", VALID, "three tensors (FLOAT32 and INT32), two operating points",
                ModelFileWriter.toBytes(Samples.modelHeader(), Samples.modelTensors())));
        for (Crafted crafted : CraftedFiles.all()) {
            if (crafted.bytes().length <= MAX_VECTOR_BYTES) {
                vectors.add(new Vector(crafted.name() + (crafted.model() ? ".huvrm" : ".huvr"), crafted.reason().name(),
                        crafted.description(), crafted.bytes()));
            }
        }
        return vectors;
    }

    /** The manifest: a header line, then file, expectation and description per vector, tab-separated. */
    static String manifest(List<Vector> vectors) {
        StringBuilder manifest = new StringBuilder("file\texpect\tdescription\n");
        vectors.forEach(v -> manifest.append(v.file()).append('\t').append(v.expectation()).append('\t')
                .append(v.description()).append('\n'));
        return manifest.toString();
    }

    static void write(Path directory) throws IOException {
        List<Vector> vectors = vectors();
        Files.createDirectories(directory);
        for (Vector vector : vectors) {
            Files.write(directory.resolve(vector.file()), vector.bytes());
        }
        Files.writeString(directory.resolve(MANIFEST), manifest(vectors), StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "vectors"));
    }

    private static byte[] newerMinorVersion() {
        ImageHeader header = Samples.header(64, 64, ColorModel.RGB, 64).setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(1000, UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build()).build();
        List<Chunk> chunks = List.of(Chunk.tile(new byte[] {1, 2, 3}), new Chunk(Chunk.fourcc("zNew"), new byte[] {9}));
        return RawContainer.image(1, 7, 0, header.toByteArray(), chunks);
    }

    private static String describe(HuvrImage image) {
        ImageHeader header = image.header();
        Map<String, Long> chunkCounts = image.chunks().stream()
                .collect(Collectors.groupingBy(Chunk::typeName, LinkedHashMap::new, Collectors.counting()));
        return header.getWidth() + "x" + header.getHeight() + " " + header.getColorModel() + " " + header.getBitDepth()
                + "-bit, " + header.getEntropyCoder() + ", orientation " + header.getOrientation() + ", ICC profile "
                + header.getIccProfile().size() + " bytes, " + header.getMetadataCount() + " metadata entries; chunks "
                + chunkCounts;
    }
}
