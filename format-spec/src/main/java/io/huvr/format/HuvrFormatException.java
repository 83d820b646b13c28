package io.huvr.format;

import java.io.IOException;

/**
 * A {@code .huvr} image or {@code .huvrm} model file breaks a rule of SPEC.md, or a writer was asked to
 * produce such a file. {@link #reason()} names the rule; the message is one human-readable line.
 */
public final class HuvrFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** How many characters of untrusted text a message quotes. */
    private static final int MAX_QUOTED_CHARS = 64;

    /**
     * The rejection rules of SPEC.md, section "Rejection rules", in the order the reference reader checks them
     * (the per-chunk rules chunk by chunk, in table order). A file that breaks several rules is reported with the
     * first one that applies.
     */
    public enum Reason {
        // Image container, prelude and header.
        /** The file does not start with the four bytes {@code HUVR}. */
        BAD_MAGIC,
        /** The major version is not 1. */
        UNSUPPORTED_MAJOR_VERSION,
        /** The flags field is not zero. */
        NONZERO_FLAGS,
        /** The declared header length exceeds {@link Limits#MAX_HEADER_BYTES}. */
        HEADER_TOO_LARGE,
        /** The CRC-32C after the header does not match the bytes before it. */
        HEADER_CRC_MISMATCH,
        /** The header bytes are not a valid protobuf {@code ImageHeader}. */
        HEADER_MALFORMED,
        /** Width or height is outside 1..{@link Limits#MAX_DIMENSION}. */
        INVALID_DIMENSIONS,
        /** width * height exceeds {@link Limits#MAX_PIXELS}. */
        TOO_MANY_PIXELS,
        /** The colour model is unspecified or unknown. */
        INVALID_COLOR_MODEL,
        /** The bit depth is neither 8 nor 16. */
        INVALID_BIT_DEPTH,
        /** The alpha coding is unknown or disagrees with the colour model. */
        INVALID_ALPHA_CODING,
        /** model_sha256 is not exactly 32 bytes. */
        INVALID_MODEL_HASH,
        /** The token layout is missing, out of range, or its tile counts disagree with the dimensions. */
        INVALID_LAYOUT,
        /** The quantization is missing, its operating point is out of range, or step_scale is not finite and positive. */
        INVALID_QUANTIZATION,
        /** The entropy coder is unspecified or unknown. */
        UNKNOWN_ENTROPY_CODER,
        /** The orientation is outside 0..8. */
        INVALID_ORIENTATION,
        /** The ICC profile exceeds {@link Limits#MAX_ICC_PROFILE_BYTES}. */
        ICC_PROFILE_TOO_LARGE,
        /** More than {@link Limits#MAX_METADATA_ENTRIES} metadata entries, or an entry longer than {@link Limits#MAX_METADATA_ENTRY_BYTES}. */
        METADATA_TOO_LARGE,

        // Image container, chunk table and payloads.
        /** The chunk count exceeds the tile count plus {@link Limits#MAX_NON_TILE_CHUNKS}. */
        TOO_MANY_CHUNKS,
        /** The CRC-32C after the chunk table does not match the table. */
        CHUNK_TABLE_CRC_MISMATCH,
        /** A chunk's declared length exceeds {@link Limits#MAX_CHUNK_BYTES}. */
        CHUNK_TOO_LARGE,
        /** The declared chunk lengths add up to more than {@link Limits#MAX_TOTAL_CHUNK_BYTES}. */
        TOTAL_SIZE_TOO_LARGE,
        /** A fourcc is not four printable ASCII bytes starting with a letter. */
        INVALID_CHUNK_TYPE,
        /** A {@code TILE} chunk follows a chunk of another type. */
        CHUNK_ORDER,
        /** An {@code ALPH} chunk in an image whose alpha coding is {@code ALPHA_NONE}. */
        UNEXPECTED_ALPHA,
        /** A second {@code ALPH}, {@code EXIF}, {@code XMP } or {@code FILT} chunk. */
        DUPLICATE_CHUNK,
        /** A chunk type is unknown and its first letter is uppercase (critical). */
        UNKNOWN_CRITICAL_CHUNK,
        /** The number of {@code TILE} chunks differs from tiles_x * tiles_y. */
        TILE_COUNT_MISMATCH,
        /** No {@code ALPH} chunk although the header declares an alpha coding. */
        MISSING_ALPHA,
        /** A chunk payload does not match its CRC-32C in the table. */
        CHUNK_CRC_MISMATCH,
        /** A {@code FILT} payload is not a valid {@code ReconstructionFilter}. */
        INVALID_FILTER,

        // Both formats.
        /** The file ends before a declared structure is complete. */
        TRUNCATED,
        /** Bytes follow the last structure of the file. */
        TRAILING_DATA,

        // Model file, prelude and header.
        /** The file does not start with the eight bytes {@code HUVRMODL}. */
        MODEL_BAD_MAGIC,
        /** The model file's major version is not 1. */
        MODEL_UNSUPPORTED_MAJOR_VERSION,
        /** The model file's flags field is not zero. */
        MODEL_NONZERO_FLAGS,
        /** The declared model header length exceeds {@link Limits#MAX_MODEL_HEADER_BYTES}. */
        MODEL_HEADER_TOO_LARGE,
        /** The CRC-32C after the model header does not match the bytes before it. */
        MODEL_HEADER_CRC_MISMATCH,
        /** The header bytes are not a valid protobuf {@code ModelHeader}. */
        MODEL_HEADER_MALFORMED,
        /** The architecture is empty, or the architecture or the model name is too long. */
        MODEL_INVALID_NAME,
        /** Too many hyper-parameters, a bad parameter name, or a non-finite float parameter. */
        MODEL_INVALID_PARAMETER,
        /** Too many operating points, a name too long, or a scale or bit rate out of range. */
        MODEL_INVALID_OPERATING_POINT,
        /** cdf_precision_bits is outside 1..{@link Limits#MAX_CDF_PRECISION_BITS}. */
        MODEL_INVALID_CDF_PRECISION,
        /** More than {@link Limits#MAX_TENSORS} tensors. */
        MODEL_TOO_MANY_TENSORS,

        // Model file, tensors.
        /** A tensor name is empty or longer than {@link Limits#MAX_NAME_BYTES} bytes. */
        TENSOR_INVALID_NAME,
        /** Two tensors share a name. */
        TENSOR_DUPLICATE_NAME,
        /** A tensor type is unspecified or unknown. */
        TENSOR_INVALID_TYPE,
        /** A tensor's rank is outside 1..{@link Limits#MAX_TENSOR_RANK} or a dimension is 0. */
        TENSOR_INVALID_SHAPE,
        /** A tensor exceeds {@link Limits#MAX_TENSOR_BYTES}. */
        TENSOR_TOO_LARGE,
        /** A tensor's byte_length differs from the product of its shape times 4. */
        TENSOR_LENGTH_MISMATCH,
        /** The tensors add up to more than {@link Limits#MAX_MODEL_TENSOR_BYTES}. */
        MODEL_TOO_LARGE,
        /** A tensor's bytes do not match its CRC-32C. */
        TENSOR_CRC_MISMATCH
    }

    private final Reason reason;

    HuvrFormatException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    /** The rule the file breaks. */
    public Reason reason() {
        return reason;
    }

    /** Quotes text taken from a file so that a message stays one short, printable line. */
    static String quote(String untrusted) {
        StringBuilder quoted = new StringBuilder("'");
        untrusted.codePoints().limit(MAX_QUOTED_CHARS).forEach(c -> {
            if (c < 0x20 || c == 0x7F || c == '\'' || c == '\\') {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.appendCodePoint(c);
            }
        });
        if (untrusted.codePointCount(0, untrusted.length()) > MAX_QUOTED_CHARS) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
