package io.huvr.format;

import io.huvr.format.proto.TensorInfo;
import io.huvr.format.proto.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a model file.
 *
 * @param info its name, type, shape, byte length and CRC-32C
 * @param data its elements, little-endian, row-major; {@code info.getByteLength()} bytes
 */
public record Tensor(TensorInfo info, byte[] data) {

    private static final int ELEMENT_BYTES = 4;

    public Tensor {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(data, "data");
        if (info.getByteLength() != data.length) {
            throw new IllegalArgumentException("tensor " + info.getName() + " declares " + info.getByteLength()
                    + " bytes but holds " + data.length);
        }
    }

    /** A FLOAT32 tensor; {@code values.length} must equal the product of {@code shape}. */
    public static Tensor ofFloats(String name, int[] shape, float[] values) {
        ByteBuffer data = allocate(name, shape, values.length);
        data.asFloatBuffer().put(values);
        return of(name, TensorType.FLOAT32, shape, data.array());
    }

    /** An INT32 tensor; {@code values.length} must equal the product of {@code shape}. */
    public static Tensor ofInts(String name, int[] shape, int[] values) {
        ByteBuffer data = allocate(name, shape, values.length);
        data.asIntBuffer().put(values);
        return of(name, TensorType.INT32, shape, data.array());
    }

    /** The tensor's name, as in {@link ModelFile#tensor(String)}. */
    public String name() {
        return info.getName();
    }

    /** The dimensions, outermost first. */
    public int[] shape() {
        return info.getShapeList().stream().mapToInt(Integer::intValue).toArray();
    }

    /** The elements of a FLOAT32 tensor. */
    public float[] floats() {
        requireType(TensorType.FLOAT32);
        float[] values = new float[data.length / ELEMENT_BYTES];
        littleEndian().asFloatBuffer().get(values);
        return values;
    }

    /** The elements of an INT32 tensor. */
    public int[] ints() {
        requireType(TensorType.INT32);
        int[] values = new int[data.length / ELEMENT_BYTES];
        littleEndian().asIntBuffer().get(values);
        return values;
    }

    /** The same tensor with byte_length and crc32c computed from {@code data}. */
    Tensor withChecksum() {
        return new Tensor(info.toBuilder().setByteLength(data.length).setCrc32C(Checksums.crc32c(data)).build(), data);
    }

    private static Tensor of(String name, TensorType type, int[] shape, byte[] data) {
        TensorInfo.Builder info = TensorInfo.newBuilder().setName(name).setType(type).setByteLength(data.length);
        Arrays.stream(shape).forEach(info::addShape);
        return new Tensor(info.build(), data).withChecksum();
    }

    private static ByteBuffer allocate(String name, int[] shape, int valueCount) {
        long elements = Arrays.stream(shape).asLongStream().reduce(1, Math::multiplyExact);
        if (Arrays.stream(shape).anyMatch(d -> d < 1) || elements != valueCount) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " does not hold " + valueCount + " values");
        }
        return ByteBuffer.allocate(Math.multiplyExact(valueCount, ELEMENT_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer littleEndian() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void requireType(TensorType type) {
        if (info.getType() != type) {
            throw new IllegalStateException("tensor " + info.getName() + " is " + info.getType() + ", not " + type);
        }
    }
}
