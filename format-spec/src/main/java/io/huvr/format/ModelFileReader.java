package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.TensorInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and validates {@code .huvrm} model files of major version 1, any minor version, computing the file's
 * SHA-256 on the way. Allocation is bounded like {@link HuvrReader}'s.
 */
public final class ModelFileReader {

    private ModelFileReader() {
    }

    /**
     * Reads a whole model file, to the end of the stream.
     *
     * @throws HuvrFormatException when the bytes break a rule of SPEC.md
     * @throws IOException         when the stream itself fails
     */
    public static ModelFile read(InputStream in) throws IOException {
        MessageDigest sha256 = newSha256();
        BoundedInput input = new BoundedInput(in, sha256);
        ContainerPrelude.Contents prelude = ContainerPrelude.MODEL.read(input);
        ModelHeader header = ContainerPrelude.MODEL.parse(ModelHeader.parser(), prelude.headerBytes());
        ModelHeaderValidator.validate(header);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorInfo info : header.getTensorsList()) {
            String what = "tensor " + HuvrFormatException.quote(info.getName());
            byte[] data = input.readBytes(info.getByteLength(), what);
            int crc = Checksums.crc32c(data);
            if (crc != info.getCrc32C()) {
                throw new HuvrFormatException(Reason.TENSOR_CRC_MISMATCH, what + " CRC-32C is "
                        + Checksums.hex(info.getCrc32C()) + ", the bytes give " + Checksums.hex(crc));
            }
            tensors.put(info.getName(), new Tensor(info, data));
        }
        input.expectEnd();
        return new ModelFile(header, tensors, sha256.digest());
    }

    /** Reads a model file from disk. */
    public static ModelFile read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
