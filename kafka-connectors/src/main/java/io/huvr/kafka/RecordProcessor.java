package io.huvr.kafka;

/**
 * The codec step of a worker: one input value in, a {@link ProcessingResult} out. Implementations are called
 * from the worker's codec threads concurrently, and never throw for bad input: they reject it.
 */
public interface RecordProcessor {
    /** @param value the input record's value, possibly null */
    ProcessingResult process(byte[] value);
}
