package io.huvr.format;

/**
 * The limits that keep any decoder bounded (SPEC.md, section "Limits"). A reader checks every declared size
 * against these numbers before it allocates or reads, so memory and time are bounded by the limits and by the
 * bytes actually present, never by what a file claims.
 */
public final class Limits {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    // Image header.
    /** Largest width or height in pixels. */
    public static final int MAX_DIMENSION = 65535;
    /** Largest width * height: 2^28 pixels (for example 16384 x 16384). */
    public static final long MAX_PIXELS = 1L << 28;
    /** Largest patch side in pixels. */
    public static final int MAX_PATCH_SIZE = 64;
    /** Largest tile side in pixels. */
    public static final int MAX_TILE_SIZE = 4096;
    /** Largest tiles_x * tiles_y. */
    public static final int MAX_TILES = 65536;
    /** Largest patch or global token dimension. */
    public static final int MAX_TOKEN_DIM = 1024;
    /** Largest number of operating points in a model file; image operating-point indices are below it. */
    public static final int MAX_OPERATING_POINTS = 256;
    /** Largest ICC profile in bytes. */
    public static final int MAX_ICC_PROFILE_BYTES = MIB;
    /** Largest number of metadata entries. */
    public static final int MAX_METADATA_ENTRIES = 64;
    /** Largest metadata entry: UTF-8 bytes of key plus value. */
    public static final int MAX_METADATA_ENTRY_BYTES = 4 * KIB;
    /** Largest serialized {@code ImageHeader}; room for the largest ICC profile and metadata. */
    public static final int MAX_HEADER_BYTES = 2 * MIB;

    // Image chunks.
    /** Chunks allowed besides the tiles: ALPH, EXIF, XMP and ancillary chunks together. */
    public static final int MAX_NON_TILE_CHUNKS = 8;
    /** Largest chunk count of any file: {@link #MAX_TILES} + {@link #MAX_NON_TILE_CHUNKS}. */
    public static final int MAX_CHUNKS = MAX_TILES + MAX_NON_TILE_CHUNKS;
    /** Largest single chunk payload in bytes. */
    public static final int MAX_CHUNK_BYTES = 64 * MIB;
    /** Largest sum of all chunk payload lengths in bytes. */
    public static final long MAX_TOTAL_CHUNK_BYTES = 512L * MIB;

    // Model file.
    /** Largest serialized {@code ModelHeader}. */
    public static final int MAX_MODEL_HEADER_BYTES = 4 * MIB;
    /** Largest number of tensors. */
    public static final int MAX_TENSORS = 4096;
    /** Largest tensor rank. */
    public static final int MAX_TENSOR_RANK = 8;
    /** Largest single tensor in bytes (fits one Java array). */
    public static final int MAX_TENSOR_BYTES = 1024 * MIB;
    /** Largest sum of all tensor lengths in bytes. */
    public static final long MAX_MODEL_TENSOR_BYTES = 4096L * MIB;
    /** Largest number of hyper-parameters, integer and float together. */
    public static final int MAX_MODEL_PARAMETERS = 1024;
    /** Longest tensor, parameter, operating-point, architecture or model name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 256;
    /** Largest cdf_precision_bits. */
    public static final int MAX_CDF_PRECISION_BITS = 16;

    private Limits() {
    }
}
