package io.huvr.kafka;

/** Why a record went to the dead-letter topic (the {@link HuvrHeaders#ERROR_REASON} header). */
public enum DeadLetterReason {
    /** The record has no value. */
    EMPTY_RECORD,
    /** The value is not an image the encoder can read (PNG, JPEG, BMP, GIF). */
    UNREADABLE_IMAGE,
    /** The value is not a valid {@code .huvr} bitstream, or its payload does not decode. */
    CORRUPT_BITSTREAM,
    /** The bitstream was made for another model than the worker's. */
    WRONG_MODEL,
    /** The image has more pixels than {@link WorkerConfig#MAX_IMAGE_PIXELS}, or a value is larger than {@link WorkerConfig#MAX_RECORD_BYTES}. */
    TOO_LARGE,
    /** The codec failed on a value that passed every check. */
    CODEC_FAILURE
}
