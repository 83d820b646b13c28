package io.huvr.format;

import io.huvr.format.proto.ModelHeader;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A parsed {@code .huvrm} model file.
 *
 * @param header  its header, tensor infos included
 * @param tensors its tensors by name, in file order
 * @param sha256  the SHA-256 of the whole file, the model's identity ({@code ImageHeader.model_sha256})
 */
public record ModelFile(ModelHeader header, Map<String, Tensor> tensors, byte[] sha256) {

    public ModelFile {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(sha256, "sha256");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws NoSuchElementException when the model has no such tensor
     */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new NoSuchElementException("model " + header.getName() + " (" + header.getArchitecture()
                    + ") has no tensor '" + name + "'; it has " + tensors.size() + " tensors");
        }
        return tensor;
    }

    /** The SHA-256 of the file in lowercase hex. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }
}
