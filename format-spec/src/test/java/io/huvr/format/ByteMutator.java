package io.huvr.format;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Format-agnostic mutations: bit flips, byte replacements, truncations, insertions, deletions, u32 edits, splices. */
final class ByteMutator {

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFF, 'A', 'a', ' '};
    private static final long[] INTERESTING_U32 = {
        0, 1, 2, 3, 4, 8, 12, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
        Limits.MAX_HEADER_BYTES, Limits.MAX_HEADER_BYTES + 1L, Limits.MAX_MODEL_HEADER_BYTES + 1L,
        Limits.MAX_CHUNKS, Limits.MAX_CHUNKS + 1L, Limits.MAX_CHUNK_BYTES, Limits.MAX_CHUNK_BYTES + 1L,
        Limits.MAX_TENSOR_BYTES,
    };

    private final Random random;

    ByteMutator(Random random) {
        this.random = random;
    }

    /**
     * One random mutation of {@code input}.
     *
     * @param lengthFields offsets of u32 length fields of the unmutated structure, edited more often than others
     * @param donors       other valid files to splice with
     */
    byte[] mutate(byte[] input, int[] lengthFields, List<byte[]> donors) {
        switch (random.nextInt(9)) {
            case 0:
                return flipBit(input);
            case 1:
                return replaceByte(input);
            case 2:
                return Arrays.copyOf(input, random.nextInt(input.length + 1));
            case 3:
                return insert(input);
            case 4:
                return delete(input);
            case 5:
                return duplicateRange(input);
            case 6:
                return editU32(input, lengthFields[random.nextInt(lengthFields.length)]);
            case 7:
                return editU32(input, random.nextInt(input.length + 1));
            default:
                return splice(input, donors.get(random.nextInt(donors.size())));
        }
    }

    private byte[] flipBit(byte[] input) {
        byte[] output = input.clone();
        if (output.length > 0) {
            output[random.nextInt(output.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return output;
    }

    private byte[] replaceByte(byte[] input) {
        byte[] output = input.clone();
        if (output.length > 0) {
            int value = random.nextBoolean() ? INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)] : random.nextInt(256);
            output[random.nextInt(output.length)] = (byte) value;
        }
        return output;
    }

    private byte[] insert(byte[] input) {
        byte[] inserted = new byte[1 + random.nextInt(16)];
        random.nextBytes(inserted);
        int at = random.nextInt(input.length + 1);
        return concat(Arrays.copyOf(input, at), inserted, Arrays.copyOfRange(input, at, input.length));
    }

    private byte[] delete(byte[] input) {
        int from = random.nextInt(input.length + 1);
        int to = Math.min(input.length, from + 1 + random.nextInt(16));
        return concat(Arrays.copyOf(input, from), Arrays.copyOfRange(input, to, input.length));
    }

    private byte[] duplicateRange(byte[] input) {
        int from = random.nextInt(input.length + 1);
        int to = Math.min(input.length, from + 1 + random.nextInt(64));
        return concat(Arrays.copyOf(input, to), Arrays.copyOfRange(input, from, input.length));
    }

    private byte[] editU32(byte[] input, int offset) {
        if (offset + 4 > input.length) {
            return input.clone();
        }
        byte[] output = input.clone();
        long value = random.nextBoolean()
                ? INTERESTING_U32[random.nextInt(INTERESTING_U32.length)]
                : RawContainer.u32(input, offset) + random.nextInt(33) - 16;
        RawContainer.putU32(output, offset, value);
        return output;
    }

    private byte[] splice(byte[] input, byte[] donor) {
        return concat(Arrays.copyOf(input, random.nextInt(input.length + 1)),
                Arrays.copyOfRange(donor, random.nextInt(donor.length + 1), donor.length));
    }

    private static byte[] concat(byte[]... parts) {
        byte[] output = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, output, at, part.length);
            at += part.length;
        }
        return output;
    }
}
