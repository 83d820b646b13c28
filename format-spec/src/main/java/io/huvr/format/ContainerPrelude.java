package io.huvr.format;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.huvr.format.HuvrFormatException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The start both formats share: magic, major u8, minor u8, flags u16, header length u32, protobuf header,
 * CRC-32C of all of that. The two constants differ only in magic, header limit and reason codes.
 */
enum ContainerPrelude {
    IMAGE("HUVR", Limits.MAX_HEADER_BYTES, Reason.BAD_MAGIC, Reason.UNSUPPORTED_MAJOR_VERSION,
            Reason.NONZERO_FLAGS, Reason.HEADER_TOO_LARGE, Reason.HEADER_CRC_MISMATCH, Reason.HEADER_MALFORMED),
    MODEL("HUVRMODL", Limits.MAX_MODEL_HEADER_BYTES, Reason.MODEL_BAD_MAGIC, Reason.MODEL_UNSUPPORTED_MAJOR_VERSION,
            Reason.MODEL_NONZERO_FLAGS, Reason.MODEL_HEADER_TOO_LARGE, Reason.MODEL_HEADER_CRC_MISMATCH,
            Reason.MODEL_HEADER_MALFORMED);

    /** The version this library writes; it reads every minor version of this major version. */
    static final int MAJOR_VERSION = 1;
    static final int MINOR_VERSION = 0;
    /** The minor version that added the {@code FILT} chunk. */
    static final int FILTER_MINOR_VERSION = 1;

    private final byte[] magic;
    private final int maxHeaderBytes;
    private final Reason badMagic;
    private final Reason unsupportedMajor;
    private final Reason nonzeroFlags;
    private final Reason headerTooLarge;
    private final Reason headerCrcMismatch;
    private final Reason headerMalformed;

    ContainerPrelude(String magic, int maxHeaderBytes, Reason badMagic, Reason unsupportedMajor, Reason nonzeroFlags,
            Reason headerTooLarge, Reason headerCrcMismatch, Reason headerMalformed) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.maxHeaderBytes = maxHeaderBytes;
        this.badMagic = badMagic;
        this.unsupportedMajor = unsupportedMajor;
        this.nonzeroFlags = nonzeroFlags;
        this.headerTooLarge = headerTooLarge;
        this.headerCrcMismatch = headerCrcMismatch;
        this.headerMalformed = headerMalformed;
    }

    /** What a reader learns from the prelude: the minor version and the header bytes, CRC-checked. */
    record Contents(int minorVersion, byte[] headerBytes) {
    }

    Contents read(BoundedInput input) throws IOException {
        input.startChecksum();
        byte[] found = input.readBytes(magic.length, "the magic");
        if (!Arrays.equals(found, magic)) {
            throw new HuvrFormatException(badMagic, "the file does not start with '"
                    + new String(magic, StandardCharsets.US_ASCII) + "'");
        }
        int major = input.readU8("the major version");
        if (major != MAJOR_VERSION) {
            throw new HuvrFormatException(unsupportedMajor, "major version " + major + ", this reader knows " + MAJOR_VERSION);
        }
        int minor = input.readU8("the minor version");
        int flags = input.readU16("the flags");
        if (flags != 0) {
            throw new HuvrFormatException(nonzeroFlags, String.format("flags are 0x%04x, version 1 requires 0", flags));
        }
        long headerLength = input.readU32("the header length");
        checkHeaderLength(headerLength);
        byte[] headerBytes = input.readBytes(headerLength, "the header");
        int computed = input.checksum();
        int stored = (int) input.readU32("the header CRC-32C");
        if (stored != computed) {
            throw new HuvrFormatException(headerCrcMismatch, "header CRC-32C is " + Checksums.hex(stored)
                    + ", the bytes give " + Checksums.hex(computed));
        }
        return new Contents(minor, headerBytes);
    }

    <T> T parse(Parser<T> parser, byte[] headerBytes) throws HuvrFormatException {
        try {
            return parser.parseFrom(headerBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new HuvrFormatException(headerMalformed, "the header is not valid protobuf: " + e.getMessage());
        }
    }

    /** Serializes a header so that equal headers give equal bytes (map entries sorted by key). */
    byte[] serialize(MessageLite header) throws HuvrFormatException {
        checkHeaderLength(header.getSerializedSize());
        byte[] bytes = new byte[header.getSerializedSize()];
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        coded.useDeterministicSerialization();
        try {
            header.writeTo(coded);
        } catch (IOException e) {
            throw new IllegalStateException("a sized array cannot overflow", e);
        }
        return bytes;
    }

    /**
     * The minor version of an image with these chunks: {@value #FILTER_MINOR_VERSION} when one is a {@code FILT}
     * chunk, which version 1.0 readers reject, else {@value #MINOR_VERSION}, so that every other file stays readable by them.
     */
    static int minorVersion(List<Chunk> chunks) {
        return chunks.stream().anyMatch(chunk -> chunk.fourcc() == Chunk.FILT) ? FILTER_MINOR_VERSION : MINOR_VERSION;
    }

    /** Writes the prelude of version {@value #MAJOR_VERSION}.{@value #MINOR_VERSION} around serialized header bytes. */
    void write(byte[] headerBytes, OutputStream out) throws IOException {
        write(headerBytes, MINOR_VERSION, out);
    }

    /** Writes the prelude of version {@value #MAJOR_VERSION}.{@code minorVersion} around serialized header bytes. */
    void write(byte[] headerBytes, int minorVersion, OutputStream out) throws IOException {
        ByteBuffer prelude = ByteBuffer.allocate(magic.length + 8 + headerBytes.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        prelude.put(magic).put((byte) MAJOR_VERSION).put((byte) minorVersion).putShort((short) 0)
                .putInt(headerBytes.length).put(headerBytes);
        prelude.putInt(Checksums.crc32c(prelude.array(), 0, prelude.position()));
        out.write(prelude.array());
    }

    private void checkHeaderLength(long headerLength) throws HuvrFormatException {
        if (headerLength > maxHeaderBytes) {
            throw new HuvrFormatException(headerTooLarge, "header of " + headerLength + " bytes, the limit is " + maxHeaderBytes);
        }
    }
}
