package io.huvr.codec.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model's trainable parameters as a NumPy {@code .npz} archive, the interchange with trainers outside
 * the JVM (scripts/torch trains on a GPU): one {@code NAME.npy} float32 entry per parameter under its
 * model-file name, and each hyper-parameter as a one-element int64 entry {@code config.NAME}.
 *
 * <p>Only the weights travel: quantisation tables are derived from them when a model file is built.
 */
public final class ModelWeights {
    /** Prefix of the hyper-parameter entries. */
    private static final String CONFIG_PREFIX = "config.";
    /** An archive larger than this is refused: several times the reference-size model. */
    static final long MAX_BYTES = 2L << 30;
    /** An entry larger than this is refused (the reference size's largest tensor has 16 MiB). */
    static final int MAX_ENTRY_BYTES = 256 << 20;

    private ModelWeights() {
    }

    /** Hyper-parameters and parameters read from an archive. */
    public record Weights(HuvrConfig config, Map<String, INDArray> tensors) {
    }

    /** Writes every trainable variable of {@code graph} and the hyper-parameters. */
    public static void write(SameDiff graph, HuvrConfig config, Path file) throws IOException {
        Map<String, INDArray> entries = new LinkedHashMap<>();
        config.toParams().forEach((name, value) -> entries.put(CONFIG_PREFIX + name, Nd4j.createFromArray(value)));
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                entries.put(v.name(), v.getArr().castTo(DataType.FLOAT).dup('c'));
            }
        }
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, INDArray> e : entries.entrySet()) {
                byte[] npy = Nd4j.toNpyByteArray(e.getValue());
                // Stored, not deflated, as numpy.savez writes them.
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(npy.length);
                CRC32 crc = new CRC32();
                crc.update(npy);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(npy);
                zip.closeEntry();
            }
        }
    }

    /** Reads an archive written by {@link #write} or by scripts/torch; a malformed one is an {@link IOException}. */
    public static Weights read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + (MAX_BYTES >> 20) + " MiB");
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        Map<String, Long> params = new LinkedHashMap<>();
        long total = 0;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!name.endsWith(".npy")) {
                    throw new IOException(file + ": entry " + name + " is not a .npy array");
                }
                name = name.substring(0, name.length() - 4);
                byte[] bytes = zip.readNBytes(MAX_ENTRY_BYTES + 1);
                total += bytes.length;
                if (bytes.length > MAX_ENTRY_BYTES || total > MAX_BYTES) {
                    throw new IOException(file + ": entry " + name + " is larger than " + (MAX_ENTRY_BYTES >> 20)
                            + " MiB or the entries than " + (MAX_BYTES >> 20) + " MiB");
                }
                INDArray array = npy(file, name, bytes);
                if (name.startsWith(CONFIG_PREFIX)) {
                    if (array.length() != 1 || !array.dataType().isIntType()) {
                        throw new IOException(file + ": " + name + " must be one integer");
                    }
                    params.put(name.substring(CONFIG_PREFIX.length()), array.getLong(0));
                } else {
                    tensors.put(name, array.castTo(DataType.FLOAT));
                }
            }
        } catch (java.util.zip.ZipException | IllegalArgumentException e) {
            // ZipInputStream reports an entry name that is not UTF-8 as IllegalArgumentException.
            throw new IOException(file + " is not a valid .npz archive: " + e.getMessage(), e);
        }
        if (params.isEmpty() && tensors.isEmpty()) {
            throw new IOException(file + " is not a NumPy .npz archive (no .npy entries)");
        }
        HuvrConfig config;
        try {
            config = HuvrConfig.fromParams(params);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        requireSizedTensors(file, config, tensors);
        return new Weights(config, tensors);
    }

    /** The archive's tensors against {@link HuvrConfig#sizingTensorShapes()}, before anyone builds a graph of that size. */
    private static void requireSizedTensors(Path file, HuvrConfig c, Map<String, INDArray> tensors) throws IOException {
        for (Map.Entry<String, long[]> e : c.sizingTensorShapes().entrySet()) {
            INDArray t = tensors.get(e.getKey());
            if (t == null || !Arrays.equals(t.shape(), e.getValue())) {
                throw new IOException(file + ": the hyper-parameters need " + e.getKey() + " of shape "
                        + Arrays.toString(e.getValue()) + ", the archive has "
                        + (t == null ? "none" : Arrays.toString(t.shape())));
            }
        }
    }

    /** Sets every trainable variable of {@code graph} from {@code weights}; a missing or misshapen one is an error. */
    public static void assign(SameDiff graph, Weights weights) throws IOException {
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() != VariableType.VARIABLE) {
                continue;
            }
            INDArray value = weights.tensors().get(v.name());
            if (value == null) {
                throw new IOException("the weights lack " + v.name() + ", which " + HuvrConfig.ARCHITECTURE + " needs");
            }
            if (!Arrays.equals(value.shape(), v.getArr().shape())) {
                throw new IOException("weight " + v.name() + " has shape " + Arrays.toString(value.shape())
                        + ", this configuration needs " + Arrays.toString(v.getArr().shape()));
            }
            v.setArray(value.dup('c'));
        }
    }

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

    /**
     * Parses one {@code .npy} entry (little-endian float32 or int64, C order) here rather than in ND4J's
     * native reader, so that a malformed file is an {@link IOException}, not a crash.
     */
    static INDArray npy(Path file, String name, byte[] b) throws IOException {
        String where = file + ": entry " + name + " ";
        if (b.length < 12 || !Arrays.equals(Arrays.copyOf(b, 6), NPY_MAGIC) || b[6] < 1 || b[6] > 3) {
            throw new IOException(where + "is not a .npy array");
        }
        ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b[6] == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int headerStart = b[6] == 1 ? 10 : 12;
        if (headerLength < 0 || headerLength > b.length - headerStart) {
            throw new IOException(where + "has a truncated header");
        }
        int dataStart = headerStart + headerLength;
        String header = new String(b, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find() || fortran.group(1).equals("True")) {
            throw new IOException(where + "needs a C-order header with descr, fortran_order and shape");
        }
        long[] shape;
        long count = 1;
        try {
            shape = Arrays.stream(shapeText.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IOException(where + "has an impossible shape " + shapeText.group(1));
        }
        int itemSize = switch (descr.group(1)) {
            case "<f4" -> 4;
            case "<i8" -> 8;
            default -> throw new IOException(where + "has type " + descr.group(1) + "; float32 or int64 expected");
        };
        if (count == 0) {
            throw new IOException(where + "is empty");
        }
        if (shape.length > 8 || count > MAX_ENTRY_BYTES || count * itemSize != b.length - dataStart) {
            throw new IOException(where + "holds " + (b.length - dataStart) + " bytes, not the " + count * itemSize
                    + " its shape " + Arrays.toString(shape) + " needs");
        }
        buffer.position(dataStart);
        if (itemSize == 4) {
            float[] values = new float[(int) count];
            buffer.asFloatBuffer().get(values);
            return Nd4j.create(values, shape, 'c');
        }
        long[] values = new long[(int) count];
        buffer.asLongBuffer().get(values);
        return Nd4j.createFromArray(values).reshape(shape);
    }
}
