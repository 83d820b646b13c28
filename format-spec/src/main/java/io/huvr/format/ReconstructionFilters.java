package io.huvr.format;

import io.huvr.format.HuvrFormatException.Reason;
import io.huvr.format.proto.ReconstructionFilter;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * The {@code FILT} chunk's payload, a {@link ReconstructionFilter} message, and its rules (SPEC.md, section 2.5).
 * The container checks the message's shape; what the filter does to the decoded samples is the decoder's.
 */
public final class ReconstructionFilters {
    /** The largest radius: a 5 x 5 window. */
    public static final int MAX_RADIUS = 2;
    /** The largest number of fraction bits of a tap. */
    public static final int MAX_FRACTION_BITS = 16;
    /** The largest magnitude of a stored tap or bias, so that every value is exact in a float. */
    public static final int MAX_TAP_MAGNITUDE = 1 << 20;
    /** Colour channels in and out. */
    public static final int CHANNELS = 3;
    /**
     * The largest payload: a valid message is at most 120 taps of 5 bytes and a few field headers, so 4 KiB leaves room
     * for fields of later versions while parsing, which grows with the payload, stays bounded.
     */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private ReconstructionFilters() {
    }

    /** Offsets per output and input channel at {@code radius}: half the window, its centre included. */
    public static int offsets(int radius) {
        int side = 2 * radius + 1;
        return (side * side + 1) / 2;
    }

    /** Stored values per output channel at {@code radius}: a tap per offset and input channel, then the bias. */
    public static int tapsPerOutput(int radius) {
        return CHANNELS * offsets(radius) + 1;
    }

    /** The number of stored values at {@code radius}: {@link #tapsPerOutput} for each output channel. */
    public static int tapCount(int radius) {
        return CHANNELS * tapsPerOutput(radius);
    }

    /**
     * Parses and checks a {@code FILT} payload.
     *
     * @throws HuvrFormatException {@link Reason#INVALID_FILTER} when it is not a message of the rules' shape
     */
    public static ReconstructionFilter parse(byte[] payload) throws HuvrFormatException {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new HuvrFormatException(Reason.INVALID_FILTER, "the FILT payload has " + payload.length
                    + " bytes, the limit is " + MAX_PAYLOAD_BYTES);
        }
        ReconstructionFilter filter;
        try {
            filter = ReconstructionFilter.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new HuvrFormatException(Reason.INVALID_FILTER, "the FILT payload is not a ReconstructionFilter: "
                    + e.getMessage());
        }
        check(filter);
        return filter;
    }

    /** Checks a filter against the rules of SPEC.md, section 2.5. */
    public static void check(ReconstructionFilter filter) throws HuvrFormatException {
        // uint32 fields: Java reads values from 2^31 up as negative ints.
        long radius = Integer.toUnsignedLong(filter.getRadius());
        long fractionBits = Integer.toUnsignedLong(filter.getFractionBits());
        if (radius < 1 || radius > MAX_RADIUS) {
            throw new HuvrFormatException(Reason.INVALID_FILTER, "filter radius " + radius + ", must be 1.." + MAX_RADIUS);
        }
        if (fractionBits > MAX_FRACTION_BITS) {
            throw new HuvrFormatException(Reason.INVALID_FILTER, "filter fraction bits " + fractionBits
                    + ", must be 0.." + MAX_FRACTION_BITS);
        }
        int expected = tapCount(filter.getRadius());
        if (filter.getTapsCount() != expected) {
            throw new HuvrFormatException(Reason.INVALID_FILTER, filter.getTapsCount() + " filter taps, radius "
                    + filter.getRadius() + " needs " + expected);
        }
        for (int i = 0; i < expected; i++) {
            if (Math.abs((long) filter.getTaps(i)) > MAX_TAP_MAGNITUDE) {
                throw new HuvrFormatException(Reason.INVALID_FILTER, "filter tap " + i + " is " + filter.getTaps(i)
                        + ", the limit is +-" + MAX_TAP_MAGNITUDE);
            }
        }
    }
}
