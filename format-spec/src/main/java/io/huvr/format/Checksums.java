package io.huvr.format;

import java.util.zip.CRC32C;

/** CRC-32C (Castagnoli), the checksum of every structure in both formats. */
final class Checksums {

    private Checksums() {
    }

    static int crc32c(byte[] bytes) {
        return crc32c(bytes, 0, bytes.length);
    }

    static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    static String hex(int crc) {
        return String.format("0x%08x", crc);
    }
}
