package io.huvr.format;

import io.huvr.format.proto.ModelHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@code .huvrm} model files of version 1.0, after checking them with the reader's rules. The model's
 * identity is the SHA-256 of the bytes written.
 */
public final class ModelFileWriter {

    private ModelFileWriter() {
    }

    /**
     * Writes a model file.
     *
     * @param header  architecture, name, hyper-parameters, operating points and cdf_precision_bits; its
     *                {@code tensors} field is replaced by the infos of {@code tensors}
     * @param tensors the tensors, in the order they are stored
     * @throws HuvrFormatException when the result would break a rule of SPEC.md
     */
    public static void write(ModelHeader header, List<Tensor> tensors, OutputStream out) throws IOException {
        List<Tensor> checksummed = tensors.stream().map(Tensor::withChecksum).toList();
        ModelHeader complete = header.toBuilder().clearTensors()
                .addAllTensors(checksummed.stream().map(Tensor::info).toList()).build();
        ModelHeaderValidator.validate(complete);
        ContainerPrelude.MODEL.write(ContainerPrelude.MODEL.serialize(complete), out);
        for (Tensor tensor : checksummed) {
            out.write(tensor.data());
        }
    }

    /** The bytes {@link #write} produces. */
    public static byte[] toBytes(ModelHeader header, List<Tensor> tensors) throws HuvrFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return InMemory.run(() -> {
            write(header, tensors, out);
            return out.toByteArray();
        });
    }
}
