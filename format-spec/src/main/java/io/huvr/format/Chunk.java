package io.huvr.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * One payload chunk of a {@code .huvr} file.
 *
 * @param fourcc  the chunk type: its four ASCII bytes in file order, the first in the most significant byte
 *                (so {@code TILE} is {@code 0x54494C45})
 * @param payload the chunk bytes, uninterpreted by the container
 */
public record Chunk(int fourcc, byte[] payload) {

    /** The entropy-coded tokens of one tile. */
    public static final int TILE = fourcc("TILE");
    /** The alpha plane, coded as the header's alpha_coding says. */
    public static final int ALPH = fourcc("ALPH");
    /** Exif metadata (TIFF structure, no "Exif" prefix). */
    public static final int EXIF = fourcc("EXIF");
    /** An XMP packet (UTF-8). */
    public static final int XMP = fourcc("XMP ");
    /** The reconstruction filter, a {@code ReconstructionFilter} message ({@link ReconstructionFilters}). */
    public static final int FILT = fourcc("FILT");

    public Chunk {
        Objects.requireNonNull(payload, "payload");
    }

    /** A {@code TILE} chunk. */
    public static Chunk tile(byte[] payload) {
        return new Chunk(TILE, payload);
    }

    /** An {@code ALPH} chunk. */
    public static Chunk alpha(byte[] payload) {
        return new Chunk(ALPH, payload);
    }

    /** A {@code FILT} chunk. */
    public static Chunk filter(byte[] payload) {
        return new Chunk(FILT, payload);
    }

    /** The fourcc of a four-character ASCII type name such as {@code "TILE"} or {@code "XMP "}. */
    public static int fourcc(String typeName) {
        if (typeName.length() != 4 || !typeName.chars().allMatch(Chunk::isPrintableAscii)) {
            throw new IllegalArgumentException("a chunk type is four printable ASCII characters, got " + typeName);
        }
        return typeName.charAt(0) << 24 | typeName.charAt(1) << 16 | typeName.charAt(2) << 8 | typeName.charAt(3);
    }

    /** The four-character type name, or the fourcc in hex when its bytes are not printable ASCII. */
    public String typeName() {
        return typeName(fourcc);
    }

    /**
     * Whether a decoder must understand this chunk type: its first letter is uppercase. Unknown critical chunks
     * are rejected, unknown ancillary chunks (lowercase first letter) are skipped.
     */
    public boolean isCritical() {
        return isCritical(fourcc);
    }

    /** Chunks are equal when their types and payload bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Chunk chunk && fourcc == chunk.fourcc && Arrays.equals(payload, chunk.payload);
    }

    @Override
    public int hashCode() {
        return 31 * fourcc + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return typeName() + "(" + payload.length + " bytes)";
    }

    static String typeName(int fourcc) {
        StringBuilder name = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = fourcc >>> shift & 0xFF;
            if (!isPrintableAscii(c)) {
                return String.format("0x%08x", fourcc);
            }
            name.append((char) c);
        }
        return name.toString();
    }

    static boolean isCritical(int fourcc) {
        int first = fourcc >>> 24;
        return first >= 'A' && first <= 'Z';
    }

    /** Four printable ASCII bytes (0x20..0x7E), the first a letter. */
    static boolean isWellFormed(int fourcc) {
        int first = fourcc >>> 24;
        boolean letter = first >= 'A' && first <= 'Z' || first >= 'a' && first <= 'z';
        return letter && isPrintableAscii(fourcc >>> 16 & 0xFF) && isPrintableAscii(fourcc >>> 8 & 0xFF)
                && isPrintableAscii(fourcc & 0xFF);
    }

    private static boolean isPrintableAscii(int c) {
        return c >= 0x20 && c <= 0x7E;
    }
}
