package io.huvr.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/** Names of the record headers the workers write; every value is UTF-8 text. */
public final class HuvrHeaders {
    /** MIME type of the value: {@value #HUVR_CONTENT_TYPE} or {@value #PNG_CONTENT_TYPE}. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String HUVR_CONTENT_TYPE = "image/huvr";
    public static final String PNG_CONTENT_TYPE = "image/png";
    /** Image width in pixels, decimal. */
    public static final String WIDTH = "huvr.width";
    /** Image height in pixels, decimal. */
    public static final String HEIGHT = "huvr.height";
    /** SHA-256 of the model file that encoded (or decoded) the image, lower-case hex. */
    public static final String MODEL_SHA256 = "huvr.model-sha256";
    /** The encoder's quality (operating point, counted from 1), decimal. */
    public static final String QUALITY = "huvr.quality";
    /** Size of the input record's value in bytes, decimal. */
    public static final String SOURCE_BYTES = "huvr.source-bytes";

    /** Dead letters: why the record could not be processed, a {@link DeadLetterReason} name. */
    public static final String ERROR_REASON = "huvr.error.reason";
    /** Dead letters: a one-line explanation. */
    public static final String ERROR_MESSAGE = "huvr.error.message";
    /** Dead letters: the input record's topic. */
    public static final String SOURCE_TOPIC = "huvr.source.topic";
    /** Dead letters: the input record's partition, decimal. */
    public static final String SOURCE_PARTITION = "huvr.source.partition";
    /** Dead letters: the input record's offset, decimal. */
    public static final String SOURCE_OFFSET = "huvr.source.offset";

    private HuvrHeaders() {
    }

    /** Sets a header, replacing any of the same name. */
    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, value.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of a header as text, or null when absent. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
