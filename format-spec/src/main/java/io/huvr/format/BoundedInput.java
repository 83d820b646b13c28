package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Little-endian reads from a stream for both file formats. Byte arrays grow in bounded blocks as data arrives,
 * so a file that claims more bytes than it holds fails with {@link Reason#TRUNCATED} after allocating about
 * what it holds. Keeps a running CRC-32C from the last {@link #startChecksum()} and, optionally, a digest of
 * everything read.
 */
final class BoundedInput {

    private static final int BLOCK_BYTES = 64 * 1024;

    private final InputStream in;
    private final MessageDigest digest;
    private final CRC32C checksum = new CRC32C();
    private final byte[] scratch = new byte[8];
    private long position;

    /** @param digest receives every byte read, or null */
    BoundedInput(InputStream in, MessageDigest digest) {
        this.in = in;
        this.digest = digest;
    }

    void startChecksum() {
        checksum.reset();
    }

    /** The CRC-32C of the bytes read since {@link #startChecksum()}. */
    int checksum() {
        return (int) checksum.getValue();
    }

    int readU8(String what) throws IOException {
        readFully(scratch, 1, what);
        return scratch[0] & 0xFF;
    }

    int readU16(String what) throws IOException {
        readFully(scratch, 2, what);
        return (scratch[0] & 0xFF) | (scratch[1] & 0xFF) << 8;
    }

    long readU32(String what) throws IOException {
        readFully(scratch, 4, what);
        return Integer.toUnsignedLong(
                (scratch[0] & 0xFF) | (scratch[1] & 0xFF) << 8 | (scratch[2] & 0xFF) << 16 | (scratch[3] & 0xFF) << 24);
    }

    /** Four bytes in file order, the first one in the most significant position (see {@link Chunk#fourcc()}). */
    int readFourcc(String what) throws IOException {
        readFully(scratch, 4, what);
        return (scratch[0] & 0xFF) << 24 | (scratch[1] & 0xFF) << 16 | (scratch[2] & 0xFF) << 8 | (scratch[3] & 0xFF);
    }

    /** Reads exactly {@code length} bytes; the caller has checked {@code length} against a limit. */
    byte[] readBytes(long length, String what) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("length " + length + " was not checked against a limit");
        }
        int total = (int) length;
        byte[] buffer = new byte[Math.min(total, BLOCK_BYTES)];
        int filled = 0;
        while (filled < total) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(total, 2L * buffer.length));
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                throw truncated(what, total - filled, filled);
            }
            filled += read;
        }
        consumed(buffer, total);
        return buffer;
    }

    /** Requires the end of the stream. */
    void expectEnd() throws IOException {
        if (in.read() >= 0) {
            throw new HuvrFormatException(Reason.TRAILING_DATA, "unexpected bytes after the last structure, at offset " + position);
        }
    }

    private void readFully(byte[] target, int length, String what) throws IOException {
        int filled = 0;
        while (filled < length) {
            int read = in.read(target, filled, length - filled);
            if (read < 0) {
                throw truncated(what, length - filled, filled);
            }
            filled += read;
        }
        consumed(target, length);
    }

    private void consumed(byte[] bytes, int length) {
        checksum.update(bytes, 0, length);
        if (digest != null) {
            digest.update(bytes, 0, length);
        }
        position += length;
    }

    private HuvrFormatException truncated(String what, int missing, int readSoFar) {
        return new HuvrFormatException(Reason.TRUNCATED, "file ends at offset " + (position + readSoFar)
                + " while reading " + what + ", " + missing + " more bytes expected");
    }
}
