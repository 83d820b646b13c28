package io.huvr.format;

import com.google.protobuf.ByteString;
import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ColorModel;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.TensorInfo;
import io.huvr.format.proto.TensorType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * For every rejection rule, a file that breaks that rule and no earlier one. The rejection test and the
 * invalid test vectors both come from here.
 */
final class CraftedFiles {

    /** A crafted file, named like its vector file without the extension. */
    record Crafted(String name, Reason reason, String description, byte[] bytes, boolean model) {
        /** Reads the bytes with the reader of their format. */
        void read() throws IOException {
            if (model) {
                ModelFileReader.read(new ByteArrayInputStream(bytes));
            } else {
                HuvrReader.read(bytes);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CraftedFiles() {
    }

    static List<Crafted> all() {
        List<Crafted> all = new ArrayList<>(images());
        all.addAll(models());
        return all;
    }

    /** An RGB image of 2x2 tiles, 128x128 pixels, the base most image files below change in one place. */
    private static ImageHeader.Builder base() {
        return Samples.header(128, 128, ColorModel.RGB, 64);
    }

    private static byte[] valid() {
        return RawContainer.image(base().build(), Samples.tiles(4));
    }

    private static byte[] withHeader(ImageHeader.Builder header) {
        return RawContainer.image(header.build(), Samples.tiles(4));
    }

    private static byte[] withChunks(ImageHeader.Builder header, List<Chunk> after, List<Chunk> tiles) {
        List<Chunk> chunks = new ArrayList<>(tiles);
        chunks.addAll(after);
        return RawContainer.image(header.build(), chunks);
    }

    /** A valid radius-1 filter message followed by an unknown field 15 of bytes, {@code length} bytes in all. */
    private static byte[] paddedFilter(int length) {
        byte[] filter = Samples.filter(1, 10).toByteArray();
        int padding = length - filter.length - 3; // tag byte and a two-byte length
        byte[] out = Arrays.copyOf(filter, length);
        out[filter.length] = (byte) (15 << 3 | 2);
        out[filter.length + 1] = (byte) (padding & 0x7F | 0x80);
        out[filter.length + 2] = (byte) (padding >>> 7);
        return out;
    }

    private static Chunk ancillary(int index) {
        return new Chunk(Chunk.fourcc(String.format("an%02d", index)), Samples.ascending(3, index));
    }

    static List<Crafted> images() {
        List<Crafted> crafted = new ArrayList<>();
        byte[] badMagic = valid();
        badMagic[0] = 'J';
        crafted.add(image("bad-magic", Reason.BAD_MAGIC, "the first byte is 'J'", badMagic));
        crafted.add(image("major-version-2", Reason.UNSUPPORTED_MAJOR_VERSION, "major version 2",
                RawContainer.image(2, 0, 0, base().build().toByteArray(), Samples.tiles(4))));
        crafted.add(image("nonzero-flags", Reason.NONZERO_FLAGS, "flags 0x0001",
                RawContainer.image(1, 0, 1, base().build().toByteArray(), Samples.tiles(4))));
        byte[] hugeHeader = Arrays.copyOf(valid(), RawContainer.IMAGE_PRELUDE_BYTES);
        RawContainer.putU32(hugeHeader, 8, Limits.MAX_HEADER_BYTES + 1L);
        crafted.add(image("header-too-large", Reason.HEADER_TOO_LARGE,
                "the prelude alone, declaring a header one byte over the limit", hugeHeader));
        byte[] headerCrc = valid();
        headerCrc[RawContainer.chunkTableOffset(headerCrc) - 1] ^= 0x01;
        crafted.add(image("header-crc-mismatch", Reason.HEADER_CRC_MISMATCH, "one bit of the header CRC flipped", headerCrc));
        crafted.add(image("header-malformed", Reason.HEADER_MALFORMED, "header bytes 08 ff: a varint cut short",
                RawContainer.image(1, 0, 0, new byte[] {0x08, (byte) 0xFF}, Samples.tiles(4))));
        crafted.add(image("width-zero", Reason.INVALID_DIMENSIONS, "width 0",
                withHeader(base().setWidth(0))));
        crafted.add(image("too-many-pixels", Reason.TOO_MANY_PIXELS, "65535 x 65535 pixels, 256 tiles announced",
                RawContainer.image(Samples.header(65535, 65535, ColorModel.RGB, 4096).build(), List.of())));
        crafted.add(image("color-model-unspecified", Reason.INVALID_COLOR_MODEL, "color_model 0",
                withHeader(base().setColorModelValue(0))));
        crafted.add(image("bit-depth-12", Reason.INVALID_BIT_DEPTH, "bit_depth 12", withHeader(base().setBitDepth(12))));
        crafted.add(image("rgb-with-alpha-coding", Reason.INVALID_ALPHA_CODING, "RGB with ALPHA_ZSTD_LOSSLESS",
                withHeader(base().setAlphaCoding(AlphaCoding.ALPHA_ZSTD_LOSSLESS))));
        crafted.add(image("sha256-31-bytes", Reason.INVALID_MODEL_HASH, "model_sha256 of 31 bytes",
                withHeader(base().setModelSha256(Samples.MODEL_SHA256.substring(1)))));
        crafted.add(image("tiles-x-wrong", Reason.INVALID_LAYOUT, "tiles_x 3 where 128 / 64 needs 2",
                withHeader(base().setLayout(Samples.layout(128, 128, 64).toBuilder().setTilesX(3)))));
        crafted.add(image("tile-size-not-multiple", Reason.INVALID_LAYOUT, "tile_size 60 with patch_size 8",
                withHeader(base().setLayout(Samples.layout(128, 128, 60)))));
        crafted.add(image("step-scale-nan", Reason.INVALID_QUANTIZATION, "step_scale NaN",
                withHeader(base().setQuantization(base().getQuantization().toBuilder().setStepScale(Float.NaN)))));
        crafted.add(image("no-quantization", Reason.INVALID_QUANTIZATION, "no quantization message",
                withHeader(base().clearQuantization())));
        crafted.add(image("entropy-coder-unknown", Reason.UNKNOWN_ENTROPY_CODER, "entropy_coder 7",
                withHeader(base().setEntropyCoderValue(7))));
        crafted.add(image("orientation-9", Reason.INVALID_ORIENTATION, "orientation 9", withHeader(base().setOrientation(9))));
        crafted.add(image("icc-profile-too-large", Reason.ICC_PROFILE_TOO_LARGE, "an ICC profile one byte over 1 MiB",
                withHeader(base().setIccProfile(ByteString.copyFrom(new byte[Limits.MAX_ICC_PROFILE_BYTES + 1])))));
        ImageHeader.Builder manyEntries = base();
        IntStream.rangeClosed(0, Limits.MAX_METADATA_ENTRIES).forEach(i -> manyEntries.putMetadata("key" + i, "v"));
        crafted.add(image("metadata-65-entries", Reason.METADATA_TOO_LARGE, "65 metadata entries", withHeader(manyEntries)));
        crafted.add(image("metadata-entry-too-long", Reason.METADATA_TOO_LARGE, "a metadata entry of 4097 bytes",
                withHeader(base().putMetadata("k", "v".repeat(Limits.MAX_METADATA_ENTRY_BYTES)))));

        crafted.add(image("too-many-chunks", Reason.TOO_MANY_CHUNKS, "4 tiles and 9 ancillary chunks",
                withChunks(base(), IntStream.range(0, 9).mapToObj(CraftedFiles::ancillary).toList(), Samples.tiles(4))));
        byte[] tableCrc = valid();
        tableCrc[RawContainer.chunkTableOffset(tableCrc) + 4 + 12 * 4] ^= 0x01;
        crafted.add(image("chunk-table-crc-mismatch", Reason.CHUNK_TABLE_CRC_MISMATCH, "one bit of the table CRC flipped",
                tableCrc));
        byte[] largeChunk = valid();
        RawContainer.putU32(largeChunk, RawContainer.chunkLengthOffset(largeChunk, 0), Limits.MAX_CHUNK_BYTES + 1L);
        RawContainer.fixImageChecksums(largeChunk);
        crafted.add(image("chunk-too-large", Reason.CHUNK_TOO_LARGE, "the first tile declares 64 MiB + 1 bytes", largeChunk));
        byte[] largeTotal = withChunks(base(), IntStream.range(0, 5).mapToObj(CraftedFiles::ancillary).toList(), Samples.tiles(4));
        IntStream.range(0, 9).forEach(i -> RawContainer.putU32(largeTotal, RawContainer.chunkLengthOffset(largeTotal, i),
                Limits.MAX_CHUNK_BYTES));
        RawContainer.fixImageChecksums(largeTotal);
        crafted.add(image("total-size-too-large", Reason.TOTAL_SIZE_TOO_LARGE, "nine chunks declaring 64 MiB each",
                largeTotal));
        crafted.add(image("chunk-type-digit", Reason.INVALID_CHUNK_TYPE, "a chunk of type '1abc'",
                withChunks(base(), List.of(new Chunk(Chunk.fourcc("1abc"), new byte[3])), Samples.tiles(4))));
        crafted.add(image("chunk-type-control-byte", Reason.INVALID_CHUNK_TYPE, "a chunk of type 'ab\\0d'",
                withChunks(base(), List.of(new Chunk(0x61620064, new byte[3])), Samples.tiles(4))));
        List<Chunk> exifAmongTiles = new ArrayList<>(Samples.tiles(4));
        exifAmongTiles.add(3, new Chunk(Chunk.EXIF, new byte[4]));
        crafted.add(image("tile-after-exif", Reason.CHUNK_ORDER, "an EXIF chunk before the last tile",
                RawContainer.image(base().build(), exifAmongTiles)));
        crafted.add(image("alpha-in-rgb", Reason.UNEXPECTED_ALPHA, "an ALPH chunk in an RGB image",
                withChunks(base(), List.of(Chunk.alpha(new byte[2])), Samples.tiles(4))));
        crafted.add(image("two-exif", Reason.DUPLICATE_CHUNK, "two EXIF chunks",
                withChunks(base(), List.of(new Chunk(Chunk.EXIF, new byte[1]), new Chunk(Chunk.EXIF, new byte[1])),
                        Samples.tiles(4))));
        byte[] filter = Samples.filter(1, 10).toByteArray();
        crafted.add(image("two-filters", Reason.DUPLICATE_CHUNK, "two FILT chunks",
                withChunks(base(), List.of(Chunk.filter(filter), Chunk.filter(filter)), Samples.tiles(4))));
        crafted.add(image("unknown-critical-chunk", Reason.UNKNOWN_CRITICAL_CHUNK, "a chunk of type 'QUUX'",
                withChunks(base(), List.of(new Chunk(Chunk.fourcc("QUUX"), new byte[1])), Samples.tiles(4))));
        crafted.add(image("three-of-four-tiles", Reason.TILE_COUNT_MISMATCH, "3 TILE chunks for 2x2 tiles",
                RawContainer.image(base().build(), Samples.tiles(3))));
        crafted.add(image("rgba-without-alpha", Reason.MISSING_ALPHA, "an RGBA image without ALPH chunk",
                RawContainer.image(Samples.header(128, 128, ColorModel.RGBA, 64).build(), Samples.tiles(4))));
        byte[] payloadCrc = valid();
        payloadCrc[payloadCrc.length - 1] ^= 0x01;
        crafted.add(image("chunk-crc-mismatch", Reason.CHUNK_CRC_MISMATCH, "one bit of the last tile flipped", payloadCrc));
        crafted.add(image("filter-not-protobuf", Reason.INVALID_FILTER, "a FILT payload of one byte ff",
                withChunks(base(), List.of(Chunk.filter(new byte[] {(byte) 0xFF})), Samples.tiles(4))));
        crafted.add(image("filter-radius-3", Reason.INVALID_FILTER, "a FILT radius of 3",
                withChunks(base(), List.of(Chunk.filter(Samples.filter(1, 10).toBuilder().setRadius(3).build().toByteArray())),
                        Samples.tiles(4))));
        crafted.add(image("filter-47-taps", Reason.INVALID_FILTER, "47 FILT taps for radius 1, which needs 48",
                withChunks(base(), List.of(Chunk.filter(Samples.filter(1, 10).toBuilder().clearTaps().addAllTaps(Samples.filter(1, 10).getTapsList().subList(0, 47)).build().toByteArray())),
                        Samples.tiles(4))));
        crafted.add(image("filter-fraction-bits-17", Reason.INVALID_FILTER, "FILT fraction_bits 17",
                withChunks(base(), List.of(Chunk.filter(Samples.filter(1, 10).toBuilder().setFractionBits(17).build().toByteArray())),
                        Samples.tiles(4))));
        crafted.add(image("filter-fraction-bits-2-32-minus-1", Reason.INVALID_FILTER,
                "FILT fraction_bits 4294967295 (a uint32 a signed reader sees as -1)",
                withChunks(base(), List.of(Chunk.filter(Samples.filter(1, 10).toBuilder().setFractionBits(-1).build().toByteArray())),
                        Samples.tiles(4))));
        crafted.add(image("filter-payload-too-large", Reason.INVALID_FILTER,
                "a FILT payload of 4097 bytes: a valid filter padded with an unknown bytes field",
                withChunks(base(), List.of(Chunk.filter(paddedFilter(4097))), Samples.tiles(4))));
        crafted.add(image("filter-tap-too-large", Reason.INVALID_FILTER, "a FILT tap of 2^20 + 1",
                withChunks(base(), List.of(Chunk.filter(Samples.filter(1, 10).toBuilder().setTaps(5, (1 << 20) + 1).build().toByteArray())),
                        Samples.tiles(4))));
        byte[] whole = valid();
        crafted.add(image("truncated", Reason.TRUNCATED, "the last byte missing", Arrays.copyOf(whole, whole.length - 1)));
        crafted.add(image("trailing-byte", Reason.TRAILING_DATA, "one zero byte after the last chunk",
                Arrays.copyOf(whole, whole.length + 1)));
        return crafted;
    }

    private static ModelHeader.Builder modelBase() {
        ModelHeader.Builder header = Samples.modelHeader().toBuilder();
        Samples.modelTensors().forEach(t -> header.addTensors(t.info()));
        return header;
    }

    private static List<byte[]> modelData() {
        return Samples.modelTensors().stream().map(Tensor::data).toList();
    }

    private static byte[] validModel() {
        return RawContainer.model(modelBase().build(), modelData());
    }

    private static byte[] withModelHeader(ModelHeader.Builder header) {
        return RawContainer.model(header.build(), modelData());
    }

    /** The base model with tensor {@code index}'s info replaced. */
    private static ModelHeader.Builder withTensor(int index, TensorInfo.Builder info) {
        return modelBase().setTensors(index, info);
    }

    private static TensorInfo.Builder tensor(int index) {
        return modelBase().getTensors(index).toBuilder();
    }

    static List<Crafted> models() {
        List<Crafted> crafted = new ArrayList<>();
        byte[] badMagic = validModel();
        badMagic[7] = 'X';
        crafted.add(model("bad-magic", Reason.MODEL_BAD_MAGIC, "magic 'HUVRMODX'", badMagic));
        crafted.add(model("major-version-0", Reason.MODEL_UNSUPPORTED_MAJOR_VERSION, "major version 0",
                RawContainer.model(0, 0, 0, modelBase().build().toByteArray(), modelData())));
        crafted.add(model("nonzero-flags", Reason.MODEL_NONZERO_FLAGS, "flags 0x8000",
                RawContainer.model(1, 0, 0x8000, modelBase().build().toByteArray(), modelData())));
        byte[] hugeHeader = Arrays.copyOf(validModel(), RawContainer.MODEL_PRELUDE_BYTES);
        RawContainer.putU32(hugeHeader, 12, Limits.MAX_MODEL_HEADER_BYTES + 1L);
        crafted.add(model("header-too-large", Reason.MODEL_HEADER_TOO_LARGE,
                "the prelude alone, declaring a header one byte over the limit", hugeHeader));
        byte[] headerCrc = validModel();
        headerCrc[(int) (RawContainer.MODEL_PRELUDE_BYTES + RawContainer.u32(headerCrc, 12))] ^= 0x01;
        crafted.add(model("header-crc-mismatch", Reason.MODEL_HEADER_CRC_MISMATCH, "one bit of the header CRC flipped",
                headerCrc));
        crafted.add(model("header-malformed", Reason.MODEL_HEADER_MALFORMED, "header bytes 0a 05 'ab': a string cut short",
                RawContainer.model(1, 0, 0, new byte[] {0x0A, 0x05, 'a', 'b'}, List.of())));
        crafted.add(model("architecture-empty", Reason.MODEL_INVALID_NAME, "architecture ''",
                withModelHeader(modelBase().setArchitecture(""))));
        crafted.add(model("float-param-nan", Reason.MODEL_INVALID_PARAMETER, "float parameter 'rope_theta' = NaN",
                withModelHeader(modelBase().putFloatParams("rope_theta", Double.NaN))));
        crafted.add(model("operating-point-negative-scale", Reason.MODEL_INVALID_OPERATING_POINT,
                "operating point 1 with step_scale -1",
                withModelHeader(modelBase().setOperatingPoints(1, modelBase().getOperatingPoints(1).toBuilder().setStepScale(-1)))));
        crafted.add(model("cdf-precision-17", Reason.MODEL_INVALID_CDF_PRECISION, "cdf_precision_bits 17",
                withModelHeader(modelBase().setCdfPrecisionBits(17))));
        ModelHeader.Builder manyTensors = modelBase().clearTensors();
        IntStream.rangeClosed(0, Limits.MAX_TENSORS).forEach(i -> manyTensors.addTensors(
                TensorInfo.newBuilder().setName("t" + i).setType(TensorType.INT32).addShape(1).setByteLength(4)));
        crafted.add(model("4097-tensors", Reason.MODEL_TOO_MANY_TENSORS, "4097 tensor infos (no tensor data)",
                RawContainer.model(manyTensors.build(), List.of())));
        crafted.add(model("tensor-name-empty", Reason.TENSOR_INVALID_NAME, "tensor 1 named ''",
                withModelHeader(withTensor(1, tensor(1).setName("")))));
        crafted.add(model("tensor-name-duplicate", Reason.TENSOR_DUPLICATE_NAME, "tensor 2 named like tensor 0",
                withModelHeader(withTensor(2, tensor(2).setName(tensor(0).getName())))));
        crafted.add(model("tensor-type-unspecified", Reason.TENSOR_INVALID_TYPE, "tensor 0 of type 0",
                withModelHeader(withTensor(0, tensor(0).setTypeValue(0)))));
        crafted.add(model("tensor-rank-0", Reason.TENSOR_INVALID_SHAPE, "tensor 1 with shape []",
                withModelHeader(withTensor(1, tensor(1).clearShape()))));
        crafted.add(model("tensor-too-large", Reason.TENSOR_TOO_LARGE, "tensor 0 of shape [16384, 16385] (no data)",
                RawContainer.model(withTensor(0, tensor(0).clearShape().addShape(16384).addShape(16385)
                        .setByteLength(16384L * 16385 * 4)).build(), List.of())));
        crafted.add(model("tensor-length-mismatch", Reason.TENSOR_LENGTH_MISMATCH, "tensor 1 of shape [3] declaring 8 bytes",
                withModelHeader(withTensor(1, tensor(1).setByteLength(8)))));
        ModelHeader.Builder hugeModel = modelBase().clearTensors();
        IntStream.range(0, 5).forEach(i -> hugeModel.addTensors(TensorInfo.newBuilder().setName("w" + i)
                .setType(TensorType.FLOAT32).addShape(1 << 28).setByteLength(1L << 30)));
        crafted.add(model("five-1-gib-tensors", Reason.MODEL_TOO_LARGE, "five tensors of 1 GiB each (no data)",
                RawContainer.model(hugeModel.build(), List.of())));
        byte[] dataCrc = validModel();
        dataCrc[dataCrc.length - 1] ^= 0x01;
        crafted.add(model("tensor-crc-mismatch", Reason.TENSOR_CRC_MISMATCH, "one bit of the last tensor flipped", dataCrc));
        byte[] whole = validModel();
        crafted.add(model("truncated", Reason.TRUNCATED, "the last byte missing", Arrays.copyOf(whole, whole.length - 1)));
        crafted.add(model("trailing-byte", Reason.TRAILING_DATA, "one zero byte after the last tensor",
                Arrays.copyOf(whole, whole.length + 1)));
        return crafted;
    }

    private static Crafted image(String name, Reason reason, String description, byte[] bytes) {
        return new Crafted("invalid-" + name, reason, description, bytes, false);
    }

    private static Crafted model(String name, Reason reason, String description, byte[] bytes) {
        return new Crafted("invalid-model-" + name, reason, description, bytes, true);
    }
}
