package io.huvr.codec;

/** Rate control could not meet a byte budget: even the lowest quality needs more bytes than it allows. */
public final class ByteBudgetException extends IllegalArgumentException {
    private final long bytesNeeded;
    private final long budget;

    public ByteBudgetException(long bytesNeeded, long budget) {
        super("the image needs " + bytesNeeded + " bytes at quality 1, more than the limit of " + budget);
        this.bytesNeeded = bytesNeeded;
        this.budget = budget;
    }

    /** The size of the smallest file the encoder can make of the image. */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    public long budget() {
        return budget;
    }
}
