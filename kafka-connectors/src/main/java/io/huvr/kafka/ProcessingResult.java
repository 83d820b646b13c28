package io.huvr.kafka;

import java.util.Map;

/** What a {@link RecordProcessor} made of one input value: an output record's value and headers, or a dead letter. */
public sealed interface ProcessingResult {

    /** The converted value and the headers to set on the output record. */
    record Converted(byte[] value, Map<String, Object> headers) implements ProcessingResult {
        public Converted {
            headers = Map.copyOf(headers);
        }
    }

    /** The input goes to the dead-letter topic for this reason. */
    record Rejected(DeadLetterReason reason, String message) implements ProcessingResult {
    }
}
